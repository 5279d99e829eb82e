import { sql } from "drizzle-orm";
import { getDb } from "~/db.server";
import {
  bucketFor,
  buildSeries,
  criterionSeries,
  type Bucket,
  type CriterionPeriodSum,
  type PeriodSum,
  type Series,
} from "./progress-series";
import { questionCatalog } from "./question-catalog.server";
import { skillLabel } from "~/question-bank/skill-label";

export interface Progress {
  bucket: Bucket;
  answers: number;
  criteria: Series[];
  skills: Series[];
}

const PERIOD_SQL: Record<Bucket, string> = {
  day: "date(r.created_at / 1000, 'unixepoch')",
  // Weeks start on Monday.
  week: "date(r.created_at / 1000, 'unixepoch', 'weekday 0', '-6 days')",
  month: "strftime('%Y-%m-01', r.created_at / 1000, 'unixepoch')",
};

/** Each graded main answer of the user with its latest grade and the period it falls in. */
function gradedAnswers(userId: string, bucket: Bucket) {
  return sql`
    SELECT rq.question_id AS questionId, ${sql.raw(PERIOD_SQL[bucket])} AS period,
      (SELECT g.id FROM grades g WHERE g.answer_id = a.id ORDER BY g.created_at DESC LIMIT 1) AS gradeId
    FROM rounds r
    JOIN round_questions rq ON rq.round_id = r.id
    JOIN answers a ON a.round_question_id = rq.id AND a.slot = 0
    WHERE r.user_id = ${userId} AND a.submitted_at IS NOT NULL`;
}

/**
 * A criterion's name as the user's own question words it: looked up per (question, criterion),
 * never by criterion id alone, since questions reuse ids ("measurable-result") under their own
 * names ("Measurable growth"). The newest snapshot names it; a criterion since removed from the
 * question keeps the name of the newest snapshot that still had it.
 */
function criterionNamer(userId: string, catalog: ReturnType<typeof questionCatalog>) {
  // Rows come per period: an old snapshot is read once per (question, criterion), not once per row.
  const dropped = new Map<string, string>();
  return (questionId: string, criterionId: string): string => {
    const current = catalog.get(questionId)?.criteria.find((c) => c.id === criterionId);
    if (current) return current.name;
    const key = `${questionId}\n${criterionId}`;
    const known = dropped.get(key);
    if (known !== undefined) return known;
    const older = getDb().get<{ name: string }>(sql`
      SELECT json_extract(c.value, '$.name') AS name
      FROM round_questions rq JOIN rounds r ON r.id = rq.round_id,
        json_each(rq.question, '$.rubric') c
      WHERE r.user_id = ${userId} AND rq.question_id = ${questionId}
        AND json_extract(c.value, '$.id') = ${criterionId}
      ORDER BY rq.rowid DESC LIMIT 1`);
    const name = older?.name ?? criterionId;
    dropped.set(key, name);
    return name;
  };
}

/** The period size for this user's whole history, or null before their first round. */
function bucketForUser(userId: string): Bucket | null {
  const span = getDb().get<{ first: number | null; last: number | null }>(
    sql`SELECT min(created_at) AS first, max(created_at) AS last FROM rounds WHERE user_id = ${userId}`,
  );
  return span?.first && span.last ? bucketFor(new Date(span.first), new Date(span.last)) : null;
}

function sumsByQuestion(userId: string, bucket: Bucket): PeriodSum[] {
  return getDb().all<PeriodSum>(sql`
    WITH graded AS (${gradedAnswers(userId, bucket)})
    SELECT graded.questionId AS key, graded.period AS period, sum(g.overall) AS sum, count(*) AS n
    FROM graded JOIN grades g ON g.id = graded.gradeId
    -- A grade without a score (not assessed) is in no figure; skipped answers have no grade at all.
    WHERE g.overall IS NOT NULL
    GROUP BY graded.questionId, graded.period`);
}

function sumsByCriterion(userId: string, bucket: Bucket): CriterionPeriodSum[] {
  return getDb().all<CriterionPeriodSum>(sql`
    WITH graded AS (${gradedAnswers(userId, bucket)})
    SELECT graded.questionId AS questionId, cs.criterion_id AS criterionId, graded.period AS period,
      sum(cs.score) AS sum, count(*) AS n
    FROM graded JOIN criterion_scores cs ON cs.grade_id = graded.gradeId
    GROUP BY graded.questionId, cs.criterion_id, graded.period`);
}

/** A question's overall scores count towards each of its skills. */
function skillSeries(
  byQuestion: PeriodSum[],
  catalog: ReturnType<typeof questionCatalog>,
): Series[] {
  const bySkill = byQuestion.flatMap((row) =>
    (catalog.get(row.key)?.skills ?? []).map((skill) => ({ ...row, key: skill })),
  );
  return buildSeries(bySkill, skillLabel);
}

/**
 * Scores over time per rubric criterion and per skill, aggregated in SQL per
 * (question, period) and (question, criterion, period), so the page reads a few hundred rows
 * whatever the number of rounds.
 */
export function loadProgress(userId: string): Progress | null {
  const bucket = bucketForUser(userId);
  if (!bucket) return null;
  // Two queries rather than one UNION: SQLite plans each join on its index; the union made it scan.
  const byQuestion = sumsByQuestion(userId, bucket);
  if (byQuestion.length === 0) return null;
  const catalog = questionCatalog(userId);
  return {
    bucket,
    answers: byQuestion.reduce((n, row) => n + row.n, 0),
    criteria: criterionSeries(sumsByCriterion(userId, bucket), criterionNamer(userId, catalog)),
    skills: skillSeries(byQuestion, catalog),
  };
}

/** The measured side of readiness: each skill's series, as the progress page shows it. */
export function loadSkillSeries(userId: string): Series[] {
  const bucket = bucketForUser(userId);
  if (!bucket) return [];
  const byQuestion = sumsByQuestion(userId, bucket);
  return byQuestion.length === 0 ? [] : skillSeries(byQuestion, questionCatalog(userId));
}
