import { and, eq, isNotNull, lt, notExists, sql } from "drizzle-orm";
import { answers, grades, gradingLeases, roundQuestions, rounds } from "../../db/schema";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { listExpiredOpenAnswers, submitExpired } from "~/rounds/answers.server";
import { gradeInRound } from "~/grading/round-grades.server";
import { listRoundQuestions } from "~/rounds/rounds.server";

/**
 * Grades answers that were submitted but never graded because the process
 * grading them died (kill -9, a crash, a power cut) or nobody opened their
 * grade stream, and stores the submission of answers whose clock ran out
 * with nobody there. server.js starts it: once at start-up, then every
 * GRADING_SWEEP_INTERVAL_MS. An answer is picked up once it has been waiting
 * longer than GRADING_LEASE_MS and nobody holds a live lease on it, so a
 * grading running in any process is never doubled (the lease decides).
 */

/** Submitted, not skipped, no grade, waiting longer than the lease, and no live lease: up to `limit`. */
export function findUngradedAnswers(now = new Date(), limit = 20) {
  const { GRADING_LEASE_MS } = getEnv();
  const db = getDb();
  return db
    .select({ answer: answers, roundId: roundQuestions.roundId, userId: rounds.userId })
    .from(answers)
    .innerJoin(roundQuestions, eq(roundQuestions.id, answers.roundQuestionId))
    .innerJoin(rounds, eq(rounds.id, roundQuestions.roundId))
    .where(
      and(
        isNotNull(answers.submittedAt),
        eq(answers.skipped, false),
        lt(answers.submittedAt, new Date(now.getTime() - GRADING_LEASE_MS)),
        notExists(
          db
            .select({ one: sql`1` })
            .from(grades)
            .where(eq(grades.answerId, answers.id)),
        ),
        notExists(
          db
            .select({ one: sql`1` })
            .from(gradingLeases)
            .where(
              and(
                eq(gradingLeases.answerId, answers.id),
                sql`${gradingLeases.expiresAt} >= ${now.getTime()}`,
              ),
            ),
        ),
      ),
    )
    .orderBy(answers.submittedAt)
    .limit(limit)
    .all();
}

/**
 * Answers left open past their deadline (the page closed before its clock ran
 * out) are stored as the clock submitted them, with their saved draft: a page
 * view only shows them so, and nobody may write again. Returns how many.
 */
export function submitExpiredAnswers(now = new Date()): number {
  return listExpiredOpenAnswers(now).filter((answer) => submitExpired(answer, now)).length;
}

/** Stores expired answers, then grades what findUngradedAnswers finds, one at a time; returns how many were graded. */
export async function sweepUngradedAnswers(now = new Date()): Promise<number> {
  submitExpiredAnswers(now);
  let graded = 0;
  for (const { answer, roundId, userId } of findUngradedAnswers(now)) {
    const roundQuestionList = listRoundQuestions(roundId);
    const roundQuestion = roundQuestionList.find((rq) => rq.id === answer.roundQuestionId);
    if (!roundQuestion) continue;
    try {
      await gradeInRound(answer, roundQuestion, roundQuestionList, { userId });
      graded += 1;
    } catch (error) {
      console.error("The grading sweep could not grade answer", answer.id, error);
    }
  }
  return graded;
}

let timer: NodeJS.Timeout | undefined;

/** Sweeps now and then periodically (server.js calls this once it listens). Returns a stop function. */
export function startGradingSweep(): () => void {
  if (timer) return () => {};
  const { GRADING_SWEEP_INTERVAL_MS, GRADING_LEASE_MS } = getEnv();
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      const graded = await sweepUngradedAnswers();
      if (graded > 0) console.info(`Grading sweep: graded ${graded} answer(s) left ungraded.`);
    } catch (error) {
      console.error("Grading sweep failed:", error);
    } finally {
      running = false;
    }
  };
  void sweep();
  // At start-up an answer whose lease a crash left behind waits for the lease to lapse: look again then.
  const interval =
    GRADING_SWEEP_INTERVAL_MS > 0 ? GRADING_SWEEP_INTERVAL_MS : GRADING_LEASE_MS + 1_000;
  timer = setInterval(() => void sweep(), interval);
  timer.unref();
  if (GRADING_SWEEP_INTERVAL_MS === 0) {
    // Only the start-up sweep (and its one look after a lease lapses) was asked for.
    setTimeout(() => clearInterval(timer), interval * 2 + 100).unref();
  }
  return () => {
    clearInterval(timer);
    timer = undefined;
  };
}
