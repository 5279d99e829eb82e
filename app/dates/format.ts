/**
 * Dates, times and durations, one format everywhere: "21 Nov 2026",
 * "21 Nov 2026, 14:05 UTC". Dates are shown in the user's time zone, which the
 * browser reports in a cookie (time-zone.server.ts); until it has, and for a
 * browser without JavaScript, in UTC. A time always names its zone.
 */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");

interface Parts {
  year: number;
  /** 0-11 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  zone: string;
}

function utcParts(d: Date): Parts {
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth(),
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    zone: "UTC",
  };
}

// One formatter per zone: building an Intl.DateTimeFormat costs far more than using one.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      hourCycle: "h23",
      timeZoneName: "short",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function zonedParts(d: Date, timeZone: string): Parts {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatterFor(timeZone).formatToParts(d)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month) - 1,
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    zone: parts.timeZoneName ?? timeZone,
  };
}

/** True for a zone name this runtime knows ("Europe/London", "UTC"); false for anything else. */
export function isTimeZone(value: string): boolean {
  try {
    formatterFor(value);
    return true;
  } catch {
    return false;
  }
}

export interface DateFormat {
  /** The IANA zone the dates are shown in. */
  timeZone: string;
  /** 21 Nov 2026 */
  date(value: Date | string | number): string;
  /** 21 Nov 2026, 14:05 UTC */
  dateTime(value: Date | string | number): string;
  /** 21 Nov 2026, 14:05:09 UTC: precise enough to tell two rounds apart, so used in link names, which must be unique. */
  timestamp(value: Date | string | number): string;
}

/** Formatters for one time zone (UTC by default, and for a zone this runtime does not know). */
export function dateFormat(timeZone = "UTC"): DateFormat {
  const zone = timeZone !== "UTC" && isTimeZone(timeZone) ? timeZone : "UTC";
  // UTC, the common case on a server, is read straight off the Date: no Intl call per date.
  const partsOf = (value: Date | string | number) => {
    const d = new Date(value);
    return zone === "UTC" ? utcParts(d) : zonedParts(d, zone);
  };
  const day = (p: Parts) => `${p.day} ${MONTHS[p.month]} ${p.year}`;
  return {
    timeZone: zone,
    date: (value) => day(partsOf(value)),
    dateTime: (value) => {
      const p = partsOf(value);
      return `${day(p)}, ${two(p.hour)}:${two(p.minute)} ${p.zone}`;
    },
    timestamp: (value) => {
      const p = partsOf(value);
      return `${day(p)}, ${two(p.hour)}:${two(p.minute)}:${two(p.second)} ${p.zone}`;
    },
  };
}

/** Minutes the zone's clock is ahead of UTC at that moment: 540 in Tokyo, -300 in New York in winter, 0 for UTC. */
export function utcOffsetMinutes(timeZone: string, at: Date = new Date()): number {
  if (timeZone === "UTC" || !isTimeZone(timeZone)) return 0;
  const p = zonedParts(at, timeZone);
  const wall = Date.UTC(p.year, p.month, p.day, p.hour, p.minute, p.second);
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
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
