import { z } from "~/utils/zod";
import { isTimeZone, utcOffsetMinutes } from "./format";
import { TIME_ZONE_COOKIE, type ServerTimeZone } from "./report-time-zone";

/**
 * The user's time zone, as their browser reports it: a plain cookie that the
 * page's own JavaScript sets (TimeZoneCookie in use-date-format.ts), read on
 * every request. Anything but a zone this runtime knows reads as UTC.
 */

// IANA names are short ASCII ("America/Argentina/ComodRivadavia" is among the longest).
const timeZoneSchema = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9_+\-/]+$/)
  .refine(isTimeZone);

export function timeZoneFrom(request: Request): string {
  return reportedTimeZone(request) ?? "UTC";
}

/** The zone the browser reported, or null when it has not (no JavaScript yet, or a cookie that is not a zone). */
export function reportedTimeZone(request: Request): string | null {
  const header = request.headers.get("Cookie") ?? "";
  const raw = header
    .split(";")
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${TIME_ZONE_COOKIE}=`))
    ?.slice(TIME_ZONE_COOKIE.length + 1);
  if (raw === undefined) return null;
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const parsed = timeZoneSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The zone the page is rendered in, and what the browser needs to check its clock against it (useReportTimeZone). */
export function serverTimeZone(request: Request, now = new Date()): ServerTimeZone {
  const reported = reportedTimeZone(request);
  const timeZone = reported ?? "UTC";
  return { timeZone, utcOffset: utcOffsetMinutes(timeZone, now), reported: reported !== null };
}
