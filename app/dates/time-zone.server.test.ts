import { expect, test } from "vitest";
import { reportedTimeZone, serverTimeZone, timeZoneFrom } from "./time-zone.server";

const withCookie = (cookie: string | null) =>
  new Request("http://localhost/", cookie === null ? {} : { headers: { Cookie: cookie } });

test("the browser's zone from its cookie, among others", () => {
  expect(timeZoneFrom(withCookie("theme=abc; tz=Europe%2FLondon; __session=x"))).toBe(
    "Europe/London",
  );
  expect(timeZoneFrom(withCookie("tz=America/Argentina/Buenos_Aires"))).toBe(
    "America/Argentina/Buenos_Aires",
  );
});

test("no cookie, an empty one, a malformed, oversized, unknown or hostile one: UTC", () => {
  for (const cookie of [
    null,
    "",
    "tz=",
    "tz=%E0%A4%A", // a broken escape
    `tz=${"Europe/London".repeat(10)}`,
    "tz=Mars%2FOlympus_Mons",
    "tz=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "tz=UTC%0D%0ASet-Cookie%3A%20x%3D1",
    "xtz=Asia%2FTokyo",
  ])
    expect(timeZoneFrom(withCookie(cookie)), String(cookie)).toBe("UTC");
});

test("whether the browser has reported a zone at all: UTC by default is not UTC reported", () => {
  expect(reportedTimeZone(withCookie("tz=UTC"))).toBe("UTC");
  expect(reportedTimeZone(withCookie("tz=Asia%2FTokyo"))).toBe("Asia/Tokyo");
  for (const cookie of [null, "", "tz=", "tz=Mars%2FOlympus_Mons", "xtz=Asia%2FTokyo"])
    expect(reportedTimeZone(withCookie(cookie)), String(cookie)).toBeNull();
});

test("what the page tells the browser to compare its clock with", () => {
  const winter = new Date(Date.UTC(2026, 11, 5, 12));
  expect(serverTimeZone(withCookie("tz=Asia%2FTokyo"), winter)).toEqual({
    timeZone: "Asia/Tokyo",
    utcOffset: 540,
    reported: true,
  });
  expect(serverTimeZone(withCookie(null), winter)).toEqual({
    timeZone: "UTC",
    utcOffset: 0,
    reported: false,
  });
});
