// @vitest-environment jsdom
import { cleanup, fireEvent, render } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useReportTimeZone, type ServerTimeZone } from "./report-time-zone";

/*
 * The browser's clock decides whether to ask Intl for the zone's name (a page's
 * first Intl call starts ICU, a long task on a phone). Here the browser is in the
 * zone each case sets; Intl.DateTimeFormat is watched to see whether it was asked.
 */

function Page(props: ServerTimeZone) {
  useReportTimeZone(props);
  return <p>page</p>;
}

let asked: ReturnType<typeof vi.fn>;

function browserIn(zone: string, utcOffset: number) {
  vi.spyOn(Date.prototype, "getTimezoneOffset").mockReturnValue(-utcOffset);
  asked = vi.fn(() => ({ resolvedOptions: () => ({ timeZone: zone }) }));
  vi.spyOn(Intl, "DateTimeFormat").mockImplementation(asked as never);
}

const tzCookie = () =>
  document.cookie
    .split("; ")
    .find((c) => c.startsWith("tz="))
    ?.slice(3);

beforeEach(() => {
  document.cookie = "tz=; Max-Age=0; Path=/";
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("reporting the browser's time zone", () => {
  it("a clock that disagrees with the page's zone reports the zone at once", () => {
    browserIn("Asia/Tokyo", 540);
    render(<Page timeZone="UTC" utcOffset={0} reported={false} />);
    expect(asked).toHaveBeenCalledTimes(1);
    expect(tzCookie()).toBe("Asia%2FTokyo");
  });

  it("after a move, the new zone replaces the reported one", () => {
    browserIn("America/New_York", -300);
    render(<Page timeZone="Asia/Tokyo" utcOffset={540} reported />);
    expect(tzCookie()).toBe("America%2FNew_York");
  });

  it("a clock that agrees with the zone this browser reported asks nothing, ever", () => {
    browserIn("Asia/Tokyo", 540);
    render(<Page timeZone="Asia/Tokyo" utcOffset={540} reported />);
    fireEvent.pointerDown(document.body);
    fireEvent.keyDown(document.body, { key: "a" });
    expect(asked).not.toHaveBeenCalled();
    expect(tzCookie()).toBeUndefined();
  });

  it("a clock that agrees with the UTC default asks on the first click or key, once", () => {
    browserIn("Europe/London", 0);
    render(<Page timeZone="UTC" utcOffset={0} reported={false} />);
    expect(asked).not.toHaveBeenCalled();
    fireEvent.keyDown(document.body, { key: "Tab" });
    expect(asked).toHaveBeenCalledTimes(1);
    expect(tzCookie()).toBe("Europe%2FLondon");
    fireEvent.pointerDown(document.body);
    expect(asked).toHaveBeenCalledTimes(1);
  });

  it("a browser that really is in UTC sets no cookie", () => {
    browserIn("UTC", 0);
    render(<Page timeZone="UTC" utcOffset={0} reported={false} />);
    fireEvent.pointerDown(document.body);
    expect(asked).toHaveBeenCalledTimes(1);
    expect(tzCookie()).toBeUndefined();
  });

  it("a page left before any click stops listening", () => {
    browserIn("Europe/London", 0);
    const page = render(<Page timeZone="UTC" utcOffset={0} reported={false} />);
    page.unmount();
    fireEvent.pointerDown(document.body);
    expect(asked).not.toHaveBeenCalled();
  });
});
