import { describe, expect, test } from "vitest";
import { dateFormat, formatDuration, isTimeZone, utcOffsetMinutes } from "./format";

// 21 Nov 2026, 23:30:09 UTC: already the 22nd in Tokyo, still the 21st in New York.
const at = Date.UTC(2026, 10, 21, 23, 30, 9);

describe("dateFormat", () => {
  test("UTC by default, the zone named on every time", () => {
    const utc = dateFormat();
    expect(utc.date(at)).toBe("21 Nov 2026");
    expect(utc.dateTime(at)).toBe("21 Nov 2026, 23:30 UTC");
    expect(utc.timestamp(new Date(at).toISOString())).toBe("21 Nov 2026, 23:30:09 UTC");
  });

  test("in the user's zone: the day, the hour and the zone's name move with it", () => {
    const tokyo = dateFormat("Asia/Tokyo");
    expect(tokyo.date(at)).toBe("22 Nov 2026");
    expect(tokyo.dateTime(at)).toBe("22 Nov 2026, 08:30 GMT+9");
    expect(tokyo.timestamp(at)).toBe("22 Nov 2026, 08:30:09 GMT+9");
    const newYork = dateFormat("America/New_York");
    expect(newYork.dateTime(at)).toBe("21 Nov 2026, 18:30 GMT-5");
    // Summer time is the zone's business, not ours.
    expect(newYork.dateTime(Date.UTC(2026, 6, 1, 12, 0))).toBe("1 Jul 2026, 08:00 GMT-4");
    // The same short month names in every zone (en-GB would write "Sept").
    expect(tokyo.date(Date.UTC(2026, 8, 10))).toBe("10 Sep 2026");
  });

  test("a zone the runtime does not know is UTC", () => {
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(dateFormat("Mars/Olympus_Mons").timeZone).toBe("UTC");
    expect(dateFormat("").dateTime(at)).toBe("21 Nov 2026, 23:30 UTC");
  });
});

test("durations", () => {
  expect(formatDuration(45)).toBe("0:45");
  expect(formatDuration(3723)).toBe("1:02:03");
  expect(formatDuration(-5)).toBe("0:00");
});

test("a zone's offset from UTC at a moment, for the browser to compare with its clock", () => {
  const winter = new Date(Date.UTC(2026, 11, 5, 12, 0, 30));
  const summer = new Date(Date.UTC(2026, 6, 1, 12, 0));
  expect(utcOffsetMinutes("UTC", winter)).toBe(0);
  expect(utcOffsetMinutes("Asia/Tokyo", winter)).toBe(540);
  expect(utcOffsetMinutes("America/New_York", winter)).toBe(-300);
  expect(utcOffsetMinutes("America/New_York", summer)).toBe(-240);
  expect(utcOffsetMinutes("Europe/London", winter)).toBe(0);
  expect(utcOffsetMinutes("Europe/London", summer)).toBe(60);
  expect(utcOffsetMinutes("Asia/Kathmandu", winter)).toBe(345);
  // Whatever the runtime does not know is UTC, as dateFormat reads it.
  expect(utcOffsetMinutes("Mars/Olympus_Mons", winter)).toBe(0);
});
