/**
 * When to practise a question again: the weaker the last answer, the sooner;
 * a question answered well several times waits longer. Overdue questions are
 * ordered by how weak they were times how long they have waited.
 */

const DAY_MS = 86_400_000;

/** Days to wait after an answer with this overall score (1-5). */
const INTERVALS: { below: number; days: number }[] = [
  { below: 2, days: 1 },
  { below: 3, days: 2 },
  { below: 3.5, days: 4 },
  { below: 4, days: 7 },
  { below: 4.5, days: 14 },
  { below: Infinity, days: 30 },
];

export interface LastAttempt {
  questionId: string;
  lastAt: Date;
  overall: number;
  attempts: number;
}

export interface Scheduled extends LastAttempt {
  intervalDays: number;
  dueAt: Date;
  /** Due by the end of today (UTC). */
  due: boolean;
  /** Higher is more urgent: weakness × (days overdue + 1). */
  urgency: number;
}

export function intervalDays(overall: number, attempts: number): number {
  const base = INTERVALS.find((i) => overall < i.below)!.days;
  // Answered well and more than twice: it has stuck, so space it further.
  return attempts >= 3 && overall >= 4 ? base * 2 : base;
}

export function schedule(attempts: LastAttempt[], now: Date): Scheduled[] {
  const endOfToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS;
  return attempts
    .map((a) => {
      const days = intervalDays(a.overall, a.attempts);
      const dueAt = new Date(a.lastAt.getTime() + days * DAY_MS);
      const overdueDays = Math.max(0, (now.getTime() - dueAt.getTime()) / DAY_MS);
      return {
        ...a,
        intervalDays: days,
        dueAt,
        due: dueAt.getTime() < endOfToday,
        urgency: (6 - a.overall) * (overdueDays + 1),
      };
    })
    .sort(
      (a, b) =>
        Number(b.due) - Number(a.due) ||
        (a.due ? b.urgency - a.urgency : a.dueAt.getTime() - b.dueAt.getTime()),
    );
}
