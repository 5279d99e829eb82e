import { createEmptyCard, fsrs, Rating, type Grade } from "ts-fsrs";

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
const scheduler = fsrs({ enable_short_term: false, enable_fuzz: false, maximum_interval: 365 });

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

/** The next due date after replaying these attempts (sorted here by time) from an empty card. */
export function nextDue(attempts: readonly Attempt[]): Date {
  const ordered = [...attempts].sort((a, b) => a.at.getTime() - b.at.getTime());
  const first = ordered[0];
  if (!first) throw new Error("nextDue needs at least one attempt");
  let card = createEmptyCard(first.at);
  for (const attempt of ordered)
    card = scheduler.next(card, attempt.at, ratingFor(attempt.overall)).card;
  return card.due;
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
