import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { answers, roundQuestions, rounds } from "../../db/schema";
import { ownedBy } from "../../db/owned-by";
import { getDb } from "~/db.server";
import { latestGrades, type StoredGrade } from "~/grading/grades.server";
import type { Question } from "~/question-bank/question-schema";
import { MAIN_SLOT } from "~/rounds/answers.server";
import { secondsUsed } from "./time-used";

export interface AttemptRow {
  roundId: string;
  roundTitle: string;
  createdAt: Date;
  answerId: string;
  /** The latest grade's overall score; null while ungraded. */
  overall: number | null;
}

export interface AttemptDetail extends AttemptRow {
  text: string;
  timedOut: boolean;
  skipped: boolean;
  secondsUsed: number;
  grade: StoredGrade | null;
}

/** Every submitted main answer the user gave to one question, newest first. Narrow rows: no text, no snapshot. */
export function listAttempts(userId: string, questionId: string): AttemptRow[] {
  return getDb()
    .select({
      roundId: rounds.id,
      roundTitle: rounds.title,
      createdAt: rounds.createdAt,
      answerId: answers.id,
      overall: sql<
        number | null
      >`(SELECT g.overall FROM grades g WHERE g.answer_id = ${answers.id} ORDER BY g.created_at DESC LIMIT 1)`,
    })
    .from(roundQuestions)
    .innerJoin(rounds, eq(rounds.id, roundQuestions.roundId))
    .innerJoin(
      answers,
      and(eq(answers.roundQuestionId, roundQuestions.id), eq(answers.slot, MAIN_SLOT)),
    )
    .where(
      and(
        eq(roundQuestions.questionId, questionId),
        ownedBy.round(userId),
        isNotNull(answers.submittedAt),
      ),
    )
    .orderBy(desc(rounds.createdAt))
    .all();
}

/** The answer text, timing and full latest grade for a few attempts. */
export function attemptDetails(rows: AttemptRow[]): AttemptDetail[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.answerId);
  const texts = new Map(
    getDb()
      .select({
        id: answers.id,
        text: answers.text,
        timedOut: answers.timedOut,
        skipped: answers.skipped,
        startedAt: answers.startedAt,
        deadlineAt: answers.deadlineAt,
        submittedAt: answers.submittedAt,
      })
      .from(answers)
      .where(inArray(answers.id, ids))
      .all()
      .map((a) => [a.id, a]),
  );
  const grades = latestGrades(ids);
  return rows.map((row) => {
    const answer = texts.get(row.answerId)!;
    return {
      ...row,
      text: answer.text,
      timedOut: answer.timedOut,
      skipped: answer.skipped,
      secondsUsed: secondsUsed(answer),
      grade: grades.get(row.answerId) ?? null,
    };
  });
}

/** The question as the user's most recent round asked it, if they were ever asked it. */
export function latestSnapshot(userId: string, questionId: string): Question | undefined {
  return getDb()
    .select({ question: roundQuestions.question })
    .from(roundQuestions)
    .innerJoin(rounds, eq(rounds.id, roundQuestions.roundId))
    .where(and(eq(roundQuestions.questionId, questionId), ownedBy.round(userId)))
    .orderBy(desc(rounds.createdAt))
    .limit(1)
    .get()?.question;
}
