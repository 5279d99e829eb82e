import { dateDiffInDays, date_scheduler, fsrs, Rating, type FSRSState, type Grade } from "ts-fsrs";

/**
 * When to practise a question again, with FSRS (ts-fsrs, the scheduler modern
 * flashcard apps use). Each graded attempt of a question is one review; the
 * card is replayed from empty through every attempt in time order, so the
 * schedule remembers the whole history, not just the last score: a question
 * answered well three times waits far longer than one answered well once
 * after two weak tries. Nothing is stored: the replay runs at read time.
 *
 * Server-only in practice (ts-fsrs adds deprecated helpers to Date.prototype
 * when loaded): only `*.server.ts` modules import this file.
 */

/**
 * Days, not minutes: an interview question is practised again tomorrow at
 * the soonest, so FSRS's short-term (minutes-long) learning steps are off.
 * No fuzz, so the same history always gives the same date (and tests can
 * say which). A year at most: interview preparation has a horizon.
 */
export const SCHEDULER_PARAMS = {
  enable_short_term: false,
  enable_fuzz: false,
  maximum_interval: 365,
} as const;
const scheduler = fsrs(SCHEDULER_PARAMS);

/**
 * A 1-5 overall score as an FSRS rating, the one place this mapping lives.
 * The ratings mean how well the answer was recalled: below 2 the answer
 * missed most of the rubric (Again: relearn it, back tomorrow); below 3 it
 * was shaky (Hard); below 4.2 it was sound (Good); 4.2 and above it covered
 * the rubric with little left to add (Easy). Good's upper bound is above
 * the "good" word's 3.5 on purpose: Easy stretches the interval a lot, so it
 * is kept for answers that are clearly strong.
 */
export function ratingFor(overall: number): Grade {
  if (overall < 2) return Rating.Again;
  if (overall < 3) return Rating.Hard;
  if (overall < 4.2) return Rating.Good;
  return Rating.Easy;
}

export interface Attempt {
  at: Date;
  overall: number;
}

export interface QuestionHistory {
  questionId: string;
  /** Graded attempts only (a skipped or not-assessed answer is no review), any order. */
  attempts: Attempt[];
}

export interface Scheduled {
  questionId: string;
  lastAt: Date;
  overall: number;
  attempts: number;
  dueAt: Date;
  /** Due now: its due time has passed. */
  due: boolean;
}

const GRADES = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const;

/**
 * The next due date after replaying these attempts (sorted here by time) from
 * an empty card: what `scheduler.next(card, at, rating)` gives attempt after
 * attempt (the test checks they agree), computed with the algorithm's own
 * functions because the full scheduler allocates cards, logs and dates for
 * every rating at every step, about ten times slower, and a heavy user's
 * queue replays thousands of attempts per page view.
 */
export function nextDue(attempts: readonly Attempt[]): Date {
  const ordered = [...attempts].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (ordered.length === 0) throw new Error("nextDue needs at least one attempt");
  let memory: FSRSState | null = null;
  let last: Date | null = null;
  let due = ordered[0]!.at;
  for (const { at, overall } of ordered) {
    // Whole calendar days since the last review, as the scheduler counts them; none before the first.
    const elapsed = last ? dateDiffInDays(last, at) : 0;
    const recall: number | undefined = memory
      ? scheduler.forgetting_curve(elapsed, memory.stability)
      : undefined;
    const index = ratingFor(overall) - 1;
    // Only the ratings up to this one (and Hard, which bounds Again) decide its interval: the rest are not computed.
    const needed = Math.max(index, 1);
    const states: FSRSState[] = [];
    const days: number[] = [];
    for (let g = 0; g <= needed; g++) {
      states[g] = scheduler.next_state(memory, elapsed, GRADES[g]!, recall);
      days[g] = scheduler.next_interval(states[g]!.stability, elapsed);
    }
    // As ts-fsrs's long-term scheduler does: Again no later than Hard, then Hard < Good < Easy by a day at least.
    days[0] = Math.min(days[0]!, days[1]!);
    days[1] = Math.max(days[1]!, days[0] + 1);
    if (needed >= 2) days[2] = Math.max(days[2]!, days[1] + 1);
    if (needed >= 3) days[3] = Math.max(days[3]!, days[2]! + 1);
    memory = states[index]!;
    last = at;
    due = date_scheduler(at, days[index]!, true);
  }
  return due;
}

/**
 * Due dates already replayed, by the exact history they were replayed from
 * (each attempt's time and rating, in order): nextDue is a pure function of
 * that, so a history seen before is not replayed again. A heavy user's queue
 * replays thousands of attempts, and between two views of it usually no
 * history has changed, or only the one just answered. Bounded; the oldest
 * entries go first. A process cache, not a table: a read still writes nothing.
 */
const replayed = new Map<string, number>();
const REPLAYED_MAX = 20_000;

/** A history as a key: its length, first and last times, and two 32-bit hashes of every (time, rating) in order. */
function historyKey(attempts: readonly Attempt[]): string {
  let ordered = attempts;
  for (let i = 1; i < attempts.length; i++) {
    if (attempts[i]!.at.getTime() < attempts[i - 1]!.at.getTime()) {
      ordered = [...attempts].sort((a, b) => a.at.getTime() - b.at.getTime());
      break;
    }
  }
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const a of ordered) {
    const t = a.at.getTime();
    const parts = [t % 0x100000000, Math.floor(t / 0x100000000), ratingFor(a.overall)];
    for (const part of parts) {
      h1 = Math.imul(h1 ^ part, 0x01000193);
      h2 = Math.imul(h2 ^ part, 0x5bd1e995) ^ (h2 >>> 13);
    }
  }
  return `${ordered.length}:${ordered[0]?.at.getTime()}:${ordered.at(-1)?.at.getTime()}:${h1}:${h2}`;
}

/** nextDue, remembered per history: the same date, computed once. */
export function nextDueRemembered(attempts: readonly Attempt[]): Date {
  const key = historyKey(attempts);
  const known = replayed.get(key);
  if (known !== undefined) return new Date(known);
  const due = nextDue(attempts);
  if (replayed.size >= REPLAYED_MAX) replayed.delete(replayed.keys().next().value!);
  replayed.set(key, due.getTime());
  return due;
}

/** Every question with a graded attempt: the due ones first, most overdue first; then the rest by due date. */
export function schedule(histories: readonly QuestionHistory[], now: Date): Scheduled[] {
  return histories
    .filter((h) => h.attempts.length > 0)
    .map((h) => {
      const last = h.attempts.reduce((a, b) => (b.at.getTime() >= a.at.getTime() ? b : a));
      const dueAt = nextDueRemembered(h.attempts);
      return {
        questionId: h.questionId,
        lastAt: last.at,
        overall: last.overall,
        attempts: h.attempts.length,
        dueAt,
        due: dueAt.getTime() <= now.getTime(),
      };
    })
    .sort(
      (a, b) =>
        Number(b.due) - Number(a.due) ||
        a.dueAt.getTime() - b.dueAt.getTime() ||
        a.questionId.localeCompare(b.questionId),
    );
}
