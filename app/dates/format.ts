/**
 * Dates and durations for the review pages. Everything is shown in UTC so the
 * server-rendered page and the hydrated one agree whatever the browser's zone.
 */

// Formatted by hand rather than with Intl.DateTimeFormat: a history page formats dozens of
// dates per request, and Intl costs microseconds each where this costs nanoseconds.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");

/** 21 Nov 2026 */
export function formatDate(value: Date | string | number): string {
  const d = new Date(value);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** Nov 2026 */
export function formatMonth(value: Date | string | number): string {
  const d = new Date(value);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** 21 Nov 2026, 14:05 UTC */
export function formatDateTime(value: Date | string | number): string {
  const d = new Date(value);
  return `${formatDate(d)}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`;
}

/** 21 Nov 2026, 14:05:09 UTC: precise enough to tell two rounds apart, so used in link names, which must be unique. */
export function formatTimestamp(value: Date | string | number): string {
  const d = new Date(value);
  return `${formatDate(d)}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC`;
}

/** 0:45, 12:05, 1:02:03 */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, "0");
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}`
    : `${minutes}:${seconds}`;
}

/** YYYY-MM-DD in UTC, the value of an `<input type="date">`. */
export function isoDay(value: Date | number): string {
  return new Date(value).toISOString().slice(0, 10);
}
