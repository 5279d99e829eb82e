import { and, asc, desc, eq } from "drizzle-orm";
import { roundQuestions, rounds } from "../../db/schema";
import { ownedBy } from "../../db/owned-by";
import { getDb } from "~/db.server";
import type { Question } from "~/question-bank/question-schema";
import { MAIN_SLOT, type Answer } from "./answers.server";
import type { NewRound } from "./round-forms";

export type Round = typeof rounds.$inferSelect;
export type RoundQuestion = typeof roundQuestions.$inferSelect;

export function createRound(
  userId: string,
  title: string,
  settings: NewRound,
  questions: Question[],
): Round {
  const db = getDb();
  return db.transaction((tx) => {
    const round = tx
      .insert(rounds)
      .values({
        userId,
        title,
        band: settings.band,
        skills: settings.skills,
        kinds: settings.kinds,
      })
      .returning()
      .get();
    tx.insert(roundQuestions)
      .values(
        questions.map((question, i) => ({
          roundId: round.id,
          position: i + 1,
          questionId: question.id,
          question,
          secondsAllowed: (settings.minutes ?? question.minutes) * 60,
        })),
      )
      .run();
    return round;
  });
}

/** The round if it belongs to the user; another user's round is as good as missing. */
export function findRound(userId: string, roundId: string): Round | undefined {
  return getDb()
    .select()
    .from(rounds)
    .where(and(eq(rounds.id, roundId), ownedBy.round(userId)))
    .get();
}

export function listRoundQuestions(roundId: string): RoundQuestion[] {
  return getDb()
    .select()
    .from(roundQuestions)
    .where(eq(roundQuestions.roundId, roundId))
    .orderBy(asc(roundQuestions.position))
    .all();
}

export function listRecentRounds(userId: string, limit = 10): Round[] {
  return getDb()
    .select()
    .from(rounds)
    .where(ownedBy.round(userId))
    .orderBy(desc(rounds.createdAt))
    .limit(limit)
    .all();
}

export function markRoundFinished(roundId: string, now: Date): void {
  getDb()
    .update(rounds)
    .set({ finishedAt: now })
    .where(and(eq(rounds.id, roundId)))
    .run();
}

/** The round's questions whose main answer has not been submitted yet, in order. */
export function unansweredQuestions(
  questions: RoundQuestion[],
  answered: readonly Answer[],
): RoundQuestion[] {
  return questions.filter(
    (rq) =>
      !answered.some((a) => a.roundQuestionId === rq.id && a.slot === MAIN_SLOT && a.submittedAt),
  );
}
