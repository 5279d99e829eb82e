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
    const states: FSRSState[] = GRADES.map((g) => scheduler.next_state(memory, elapsed, g, recall));
    const days: number[] = states.map((state) => scheduler.next_interval(state.stability, elapsed));
    // As ts-fsrs's long-term scheduler does: Again no later than Hard, then Hard < Good < Easy by a day at least.
    days[0] = Math.min(days[0]!, days[1]!);
    days[1] = Math.max(days[1]!, days[0] + 1);
    days[2] = Math.max(days[2]!, days[1] + 1);
    days[3] = Math.max(days[3]!, days[2] + 1);
    const index = ratingFor(overall) - 1;
    memory = states[index]!;
    last = at;
    due = date_scheduler(at, days[index]!, true);
  }
  return due;
}

/** Every question with a graded attempt: the due ones first, most overdue first; then the rest by due date. */
export function schedule(histories: readonly QuestionHistory[], now: Date): Scheduled[] {
  return histories
    .filter((h) => h.attempts.length > 0)
    .map((h) => {
      const last = h.attempts.reduce((a, b) => (b.at.getTime() >= a.at.getTime() ? b : a));
      const dueAt = nextDue(h.attempts);
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
