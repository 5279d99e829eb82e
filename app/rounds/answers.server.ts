import { and, eq, inArray, isNull, lt } from "drizzle-orm";
import { answers } from "../../db/schema";
import { getDb } from "~/db.server";
import type { Probe } from "~/grading/grade-schema";
import { deadlineFor, expiredAt, GRACE_MS, hasExpired, isTimedOut } from "./clock";

export type Answer = typeof answers.$inferSelect;

export const MAIN_SLOT = 0;

/**
 * The answer in this slot, started now if it was never started before (an
 * action's job: a page view never starts a clock). The unique (question, slot)
 * index makes two tabs starting it at once agree on one start time.
 */
export function startAnswer(
  roundQuestionId: string,
  slot: number,
  secondsAllowed: number,
  probe: Probe | null,
  now: Date,
): Answer {
  const db = getDb();
  db.insert(answers)
    .values({ roundQuestionId, slot, probe, secondsAllowed, startedAt: now, deadlineAt: deadlineFor(now, secondsAllowed) })
    .onConflictDoNothing()
    .run();
  return findAnswer(roundQuestionId, slot)!;
}

export function findAnswer(roundQuestionId: string, slot: number): Answer | undefined {
  return getDb()
    .select()
    .from(answers)
    .where(and(eq(answers.roundQuestionId, roundQuestionId), eq(answers.slot, slot)))
    .get();
}

export function listAnswers(roundQuestionIds: string[]): Answer[] {
  if (roundQuestionIds.length === 0) return [];
  return getDb().select().from(answers).where(inArray(answers.roundQuestionId, roundQuestionIds)).all();
}

/** Keeps the typed text of an answer still in progress. False once it has been submitted. */
export function saveDraft(answerId: string, text: string, now: Date): boolean {
  const result = getDb()
    .update(answers)
    .set({ text, draftSavedAt: now })
    .where(and(eq(answers.id, answerId), isNull(answers.submittedAt)))
    .run();
  return result.changes === 1;
}

/**
 * Submits the answer once; a second submission (another tab) changes nothing
 * and returns false. Late submissions are kept and marked timed out. An answer
 * is skipped when the user says so or when nothing was written: it keeps any
 * text, but is never graded and counts in no figure.
 */
export function submitAnswer(answer: Answer, text: string, now: Date, { skip = false } = {}): boolean {
  const result = getDb()
    .update(answers)
    .set({ text, submittedAt: now, timedOut: isTimedOut(now, answer.deadlineAt), skipped: skip || text.trim() === "" })
    .where(and(eq(answers.id, answer.id), isNull(answers.submittedAt)))
    .run();
  return result.changes === 1;
}

/**
 * The answer as the server clock sees it now, without writing: one left open
 * past its deadline reads as submitted by the clock at the moment it ran out,
 * with its saved draft (skipped when that is empty). The next write makes it
 * durable (submitExpired), with the same values.
 */
export function asOfNow(answer: Answer, now: Date): Answer {
  if (answer.submittedAt || !hasExpired(answer.deadlineAt, now)) return answer;
  return { ...answer, submittedAt: expiredAt(answer.deadlineAt), timedOut: true, skipped: answer.text.trim() === "" };
}

/**
 * For writes only (an action, the grading sweep): stores what asOfNow shows
 * for an answer whose clock ran out. True when this call submitted it.
 */
export function submitExpired(answer: Answer, now: Date): boolean {
  const expired = asOfNow(answer, now);
  if (answer.submittedAt || expired === answer) return false;
  const result = getDb()
    .update(answers)
    .set({ submittedAt: expired.submittedAt, timedOut: true, skipped: expired.skipped })
    .where(and(eq(answers.id, answer.id), isNull(answers.submittedAt)))
    .run();
  return result.changes === 1;
}

/** Every answer left open past its deadline (for the grading sweep), oldest deadline first. */
export function listExpiredOpenAnswers(now: Date, limit = 100): Answer[] {
  return getDb()
    .select()
    .from(answers)
    .where(and(isNull(answers.submittedAt), lt(answers.deadlineAt, new Date(now.getTime() - GRACE_MS))))
    .orderBy(answers.deadlineAt)
    .limit(limit)
    .all();
}
