import { useEffect } from "react";

/**
 * The cookie in which the browser reports its time zone (useReportTimeZone) and the server reads it
 * (time-zone.server.ts). Apart from format.ts, so the layout that reports the zone on every page does
 * not ship the date formatter to pages that show no dates.
 */
export const TIME_ZONE_COOKIE = "tz";

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * Tells the server the browser's time zone for the pages that follow: the page
 * that sets it was rendered in the zone the server knew, and stays so (no reload,
 * no mismatch between the server's HTML and the hydrated page).
 */
export function useReportTimeZone(serverTimeZone: string): void {
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === serverTimeZone) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; Max-Age=${YEAR_SECONDS}; Path=/; SameSite=Lax`;
  }, [serverTimeZone]);
}
