import { useEffect } from "react";

/**
 * The cookie in which the browser reports its time zone (useReportTimeZone) and the server reads it
 * (time-zone.server.ts). Apart from format.ts, so the layout that reports the zone on every page does
 * not ship the date formatter to pages that show no dates.
 */
export const TIME_ZONE_COOKIE = "tz";

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** What the server rendered the page with, for the browser to compare against its own clock. */
export interface ServerTimeZone {
  /** The IANA zone the page's dates are in ("UTC" until the browser has reported one). */
  timeZone: string;
  /** Minutes that zone is ahead of UTC now (utcOffsetMinutes). */
  utcOffset: number;
  /** Whether the zone came from this browser's cookie, not the UTC default. */
  reported: boolean;
}

/**
 * Tells the server the browser's time zone for the pages that follow: the page
 * that sets it was rendered in the zone the server knew, and stays so (no reload,
 * no mismatch between the server's HTML and the hydrated page).
 *
 * Only the zone's name needs Intl, and a page's first Intl call starts ICU: about
 * 40 ms of a phone's main thread (160 ms in Lighthouse's mobile run), a long task
 * in the middle of hydration. So the browser's clock, which costs nothing to read,
 * decides first: a clock that disagrees with the page's zone asks at once; one that
 * agrees with a zone this browser reported has nothing to ask; one that agrees
 * with the UTC default (London in winter reads the same as UTC) asks on the first
 * click or key press, which comes before the request for the next page.
 */
export function useReportTimeZone({ timeZone, utcOffset, reported }: ServerTimeZone): void {
  useEffect(() => {
    const report = () => {
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (!zone || zone === timeZone) return;
      document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; Max-Age=${YEAR_SECONDS}; Path=/; SameSite=Lax`;
    };
    // getTimezoneOffset counts the minutes the clock is *behind* UTC (-540 in Tokyo).
    if (-new Date().getTimezoneOffset() !== utcOffset) return report();
    if (reported) return;
    const events = ["pointerdown", "keydown"] as const;
    const stop = () => {
      for (const name of events) window.removeEventListener(name, onFirst, true);
    };
    const onFirst = () => {
      stop();
      report();
    };
    for (const name of events)
      window.addEventListener(name, onFirst, { capture: true, passive: true });
    return stop;
  }, [timeZone, utcOffset, reported]);
}
