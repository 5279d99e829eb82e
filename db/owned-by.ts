import { eq, inArray, type SQL } from "drizzle-orm";
import { QueryBuilder } from "drizzle-orm/sqlite-core";
import { answers, criterionScores, grades, recordings, roundQuestions, rounds } from "./schema";

/**
 * The one way to ask for "rows this user owns". Ownership is stored once, on
 * the round (rounds.user_id); everything below it (the round's questions,
 * their answers, grades, criterion scores and recordings) belongs to whoever
 * owns the round. Each predicate here follows that chain, so a query reads
 * `.where(ownedBy.grade(userId))` instead of joining three tables back to the
 * round by hand, and no query can forget a link of the chain.
 *
 * Built as `IN (subquery)` on indexed foreign keys: SQLite evaluates each
 * subquery once per statement, so a predicate costs the same for one row or
 * for a whole export.
 */
const qb = new QueryBuilder();

const roundIds = (userId: string) =>
  qb.select({ id: rounds.id }).from(rounds).where(eq(rounds.userId, userId));
const roundQuestionIds = (userId: string) =>
  qb
    .select({ id: roundQuestions.id })
    .from(roundQuestions)
    .where(inArray(roundQuestions.roundId, roundIds(userId)));
const answerIds = (userId: string) =>
  qb
    .select({ id: answers.id })
    .from(answers)
    .where(inArray(answers.roundQuestionId, roundQuestionIds(userId)));
const gradeIds = (userId: string) =>
  qb
    .select({ id: grades.id })
    .from(grades)
    .where(inArray(grades.answerId, answerIds(userId)));

export const ownedBy = {
  round: (userId: string): SQL => eq(rounds.userId, userId),
  roundQuestion: (userId: string): SQL => inArray(roundQuestions.roundId, roundIds(userId)),
  answer: (userId: string): SQL => inArray(answers.roundQuestionId, roundQuestionIds(userId)),
  grade: (userId: string): SQL => inArray(grades.answerId, answerIds(userId)),
  criterionScore: (userId: string): SQL => inArray(criterionScores.gradeId, gradeIds(userId)),
  recording: (userId: string): SQL => inArray(recordings.answerId, answerIds(userId)),
};
