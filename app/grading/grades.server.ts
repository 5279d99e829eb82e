import { asc, desc, inArray } from "drizzle-orm";
import { criterionScores, grades } from "../../db/schema";
import { getDb } from "~/db.server";
import { gradeSchema, type Grade, type GradeProvenance } from "./grade-schema";

export interface StoredGrade {
  id: string;
  answerId: string;
  grade: Grade;
  provenance: GradeProvenance;
  createdAt: Date;
}

/** Validates and stores a grade with who produced it, all or nothing. */
export function saveGrade(answerId: string, grade: Grade, provenance: GradeProvenance): string {
  const valid = gradeSchema.parse(grade);
  return getDb().transaction((tx) => {
    const row = tx
      .insert(grades)
      .values({
        answerId,
        ...provenance,
        overall: valid.overall,
        strengths: valid.strengths,
        improvements: valid.improvements,
        star: valid.star,
        probes: valid.probes,
        injectionSuspected: valid.flags.injectionSuspected,
        nonEnglish: valid.flags.nonEnglish,
        insights: valid.insights,
        checks: valid.checks ?? null,
      })
      .returning({ id: grades.id })
      .get();
    // A grade without a score (not assessed) has no criteria to store.
    if (valid.criteria.length > 0)
      tx.insert(criterionScores)
        .values(valid.criteria.map((c, position) => ({ gradeId: row.id, position, ...c })))
        .run();
    return row.id;
  });
}

/** The newest grade of each answer (a re-grade supersedes the earlier one). */
export function latestGrades(answerIds: string[]): Map<string, StoredGrade> {
  const result = new Map<string, StoredGrade>();
  if (answerIds.length === 0) return result;
  const db = getDb();
  const rows = db.select().from(grades).where(inArray(grades.answerId, answerIds)).orderBy(desc(grades.createdAt)).all();
  const newestByAnswer = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!newestByAnswer.has(row.answerId)) newestByAnswer.set(row.answerId, row);
  const newest = [...newestByAnswer.values()];
  if (newest.length === 0) return result;
  const scores = db
    .select()
    .from(criterionScores)
    .where(inArray(criterionScores.gradeId, newest.map((g) => g.id)))
    .orderBy(asc(criterionScores.position))
    .all();
  for (const row of newest) {
    const criteria = scores
      .filter((s) => s.gradeId === row.id)
      .map(({ criterionId, score, evidence, rationale, quotes, spread, cappedFrom }) => ({
        criterionId,
        score,
        evidence,
        rationale,
        // LLM grades since the evidence checks; absent on older and offline grades.
        ...(quotes ? { quotes } : {}),
        ...(spread !== null ? { spread } : {}),
        ...(cappedFrom !== null ? { cappedFrom } : {}),
      }));
    result.set(row.answerId, {
      id: row.id,
      answerId: row.answerId,
      createdAt: row.createdAt,
      grade: {
        overall: row.overall,
        criteria,
        strengths: row.strengths,
        improvements: row.improvements,
        star: row.star as Grade["star"],
        probes: row.probes,
        flags: { injectionSuspected: row.injectionSuspected, nonEnglish: row.nonEnglish },
        insights: row.insights,
        ...(row.checks ? { checks: row.checks } : {}),
      },
      provenance: {
        grader: row.grader,
        model: row.model,
        promptVersion: row.promptVersion,
        fallbackReason: row.fallbackReason,
        tokensIn: row.tokensIn,
        tokensOut: row.tokensOut,
        latencyMs: row.latencyMs,
      },
    });
  }
  return result;
}
