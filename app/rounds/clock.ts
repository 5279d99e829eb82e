/**
 * The rules of the round clock. The server stores a deadline when a question
 * is first shown; everything here is a pure function of that deadline and
 * "now", so a reload, a second tab or a restart shows the same time left.
 */

/** Latency allowance: a submission this soon after the deadline still counts as on time. */
export const GRACE_MS = 5_000;

/** The countdown turns to a warning when this much time (or a fifth of the clock, if less) is left. */
export const WARNING_MS = 60_000;

export const PROBE_MIN_SECONDS = 60;
export const PROBE_MAX_SECONDS = 180;

export function deadlineFor(startedAt: Date, secondsAllowed: number): Date {
  return new Date(startedAt.getTime() + secondsAllowed * 1000);
}

export function remainingMs(deadline: Date, now: Date): number {
  return Math.max(0, deadline.getTime() - now.getTime());
}

export function isWarning(remaining: number, secondsAllowed: number): boolean {
  return remaining > 0 && remaining <= Math.min(WARNING_MS, (secondsAllowed * 1000) / 5);
}

/** Late submissions are kept and marked, never refused. */
export function isTimedOut(submittedAt: Date, deadline: Date): boolean {
  return submittedAt.getTime() > deadline.getTime() + GRACE_MS;
}

/** Past the deadline and the grace: the server submits the saved draft itself. */
export function hasExpired(deadline: Date, now: Date): boolean {
  return now.getTime() > deadline.getTime() + GRACE_MS;
}

/** When an answer left open was submitted by the clock: the end of its grace. */
export function expiredAt(deadline: Date): Date {
  return new Date(deadline.getTime() + GRACE_MS);
}

/** A follow-up gets half the main clock, between one and three minutes. */
export function probeSecondsFor(mainSecondsAllowed: number): number {
  return Math.min(PROBE_MAX_SECONDS, Math.max(PROBE_MIN_SECONDS, Math.round(mainSecondsAllowed / 2)));
}

export function formatClock(ms: number): string {
  const totalSeconds = Math.ceil(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${String(seconds).padStart(2, "0")}`;
}
