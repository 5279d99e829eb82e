import { useRouteLoaderData } from "@remix-run/react";
import { useEffect, useMemo } from "react";
import type { loader as rootLoader } from "~/root";
import { dateFormat, TIME_ZONE_COOKIE, type DateFormat } from "./format";

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Dates formatted in the time zone the root loader read from the browser's cookie (UTC until it has one). */
export function useDateFormat(): DateFormat {
  const timeZone = useRouteLoaderData<typeof rootLoader>("root")?.timeZone ?? "UTC";
  return useMemo(() => dateFormat(timeZone), [timeZone]);
}

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
