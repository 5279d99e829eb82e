import { sql } from "drizzle-orm";
import { getDb } from "~/db.server";
import {
  bucketFor,
  buildSeries,
  type Bucket,
  type PeriodSum,
  type Series,
} from "./progress-series";
import { questionCatalog } from "./question-catalog.server";

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

/** The shortest of the names a criterion id has across the user's questions ("Measurable result" over longer variants). */
function criterionNames(catalog: ReturnType<typeof questionCatalog>): Map<string, string> {
  const names = new Map<string, string>();
  for (const question of catalog.values()) {
    for (const { id, name } of question.criteria) {
      const known = names.get(id);
      if (!known || name.length < known.length || (name.length === known.length && name < known))
        names.set(id, name);
    }
  }
  return names;
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

function sumsByCriterion(userId: string, bucket: Bucket): PeriodSum[] {
  return getDb().all<PeriodSum>(sql`
    WITH graded AS (${gradedAnswers(userId, bucket)})
    SELECT cs.criterion_id AS key, graded.period AS period, sum(cs.score) AS sum, count(*) AS n
    FROM graded JOIN criterion_scores cs ON cs.grade_id = graded.gradeId
    GROUP BY cs.criterion_id, graded.period`);
}

/** A question's overall scores count towards each of its skills. */
function skillSeries(
  byQuestion: PeriodSum[],
  catalog: ReturnType<typeof questionCatalog>,
): Series[] {
  const bySkill = byQuestion.flatMap((row) =>
    (catalog.get(row.key)?.skills ?? []).map((skill) => ({ ...row, key: skill })),
  );
  return buildSeries(bySkill, (skill) => skill);
}

/**
 * Scores over time per rubric criterion and per skill, aggregated in SQL per
 * (question or criterion, period), so the page reads a few hundred rows
 * whatever the number of rounds.
 */
export function loadProgress(userId: string): Progress | null {
  const bucket = bucketForUser(userId);
  if (!bucket) return null;
  // Two queries rather than one UNION: SQLite plans each join on its index; the union made it scan.
  const byQuestion = sumsByQuestion(userId, bucket);
  if (byQuestion.length === 0) return null;
  const catalog = questionCatalog(userId);
  const names = criterionNames(catalog);
  return {
    bucket,
    answers: byQuestion.reduce((n, row) => n + row.n, 0),
    criteria: buildSeries(sumsByCriterion(userId, bucket), (id) => names.get(id) ?? id),
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
