import { and, desc, eq, sql } from "drizzle-orm";
import { answers, roundQuestions, rounds, stories, storyAnswers } from "../../db/schema";
import { ownedBy } from "../../db/owned-by";
import { getDb } from "~/db.server";
import { latestGrades } from "~/grading/grades.server";
import { storyUsage, type StoryUsage } from "./story-usage";

/** How often each of the user's stories has been told (see usage.ts for the "overused" rule). */
export function usageOfStories(userId: string): Map<string, StoryUsage> {
  const links = getDb()
    .select({
      storyId: storyAnswers.storyId,
      answerId: storyAnswers.answerId,
      answeredAt: answers.startedAt,
    })
    .from(storyAnswers)
    .innerJoin(stories, eq(stories.id, storyAnswers.storyId))
    .innerJoin(answers, eq(answers.id, storyAnswers.answerId))
    .where(eq(stories.userId, userId))
    .all();
  return storyUsage(links);
}

export interface StoryAnswer {
  answerId: string;
  roundId: string;
  position: number;
  slot: number;
  /** From the round's snapshot of the question, read without loading the whole snapshot. */
  questionTitle: string;
  startedAt: Date;
  overall: number | null;
}

/** The answers that told a story, newest first, each with its latest overall score. */
export function answersOfStory(userId: string, storyId: string): StoryAnswer[] {
  const rows = getDb()
    .select({
      answerId: answers.id,
      roundId: rounds.id,
      position: roundQuestions.position,
      slot: answers.slot,
      questionTitle: sql<string>`json_extract(${roundQuestions.question}, '$.title')`,
      startedAt: answers.startedAt,
    })
    .from(storyAnswers)
    .innerJoin(answers, eq(answers.id, storyAnswers.answerId))
    .innerJoin(roundQuestions, eq(roundQuestions.id, answers.roundQuestionId))
    .innerJoin(rounds, eq(rounds.id, roundQuestions.roundId))
    .where(and(eq(storyAnswers.storyId, storyId), ownedBy.round(userId)))
    .orderBy(desc(answers.startedAt))
    .all();
  const grades = latestGrades(rows.map((r) => r.answerId));
  return rows.map((row) => ({ ...row, overall: grades.get(row.answerId)?.grade.overall ?? null }));
}
