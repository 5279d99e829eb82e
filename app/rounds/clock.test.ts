import { describe, expect, test } from "vitest";
import { deadlineFor, formatClock, GRACE_MS, hasExpired, isTimedOut, isWarning, probeSecondsFor, remainingMs } from "./clock";

const start = new Date("2026-01-01T10:00:00Z");
const at = (ms: number) => new Date(start.getTime() + ms);

describe("clock rules", () => {
  test("the deadline is the start plus the time allowed", () => {
    expect(deadlineFor(start, 300)).toEqual(at(300_000));
  });

  test("time left never goes below zero", () => {
    const deadline = deadlineFor(start, 60);
    expect(remainingMs(deadline, at(15_000))).toBe(45_000);
    expect(remainingMs(deadline, at(90_000))).toBe(0);
  });

  test("a submission is on time until the grace period ends", () => {
    const deadline = deadlineFor(start, 60);
    expect(isTimedOut(at(60_000), deadline)).toBe(false);
    expect(isTimedOut(at(60_000 + GRACE_MS), deadline)).toBe(false);
    expect(isTimedOut(at(60_000 + GRACE_MS + 1), deadline)).toBe(true);
    expect(hasExpired(deadline, at(60_000 + GRACE_MS))).toBe(false);
    expect(hasExpired(deadline, at(60_000 + GRACE_MS + 1))).toBe(true);
  });

  test("the warning shows in the last minute, or the last fifth of a short clock", () => {
    expect(isWarning(61_000, 300)).toBe(false);
    expect(isWarning(60_000, 300)).toBe(true);
    expect(isWarning(13_000, 60)).toBe(false);
    expect(isWarning(12_000, 60)).toBe(true);
    expect(isWarning(0, 300)).toBe(false);
  });

  test("follow-ups get half the clock, between one and three minutes", () => {
    expect(probeSecondsFor(60)).toBe(60);
    expect(probeSecondsFor(240)).toBe(120);
    expect(probeSecondsFor(1200)).toBe(180);
  });

  test("the display rounds up to whole seconds", () => {
    expect(formatClock(125_000)).toBe("2:05");
    expect(formatClock(59_001)).toBe("1:00");
    expect(formatClock(0)).toBe("0:00");
  });
});
