import type { Statement } from "better-sqlite3";
import { getSqlite } from "~/db.server";
import { skillLabel } from "~/question-bank/skill-label";
import {
  attemptPoints,
  fitTrend,
  seriesOf,
  type AttemptPoint,
  type NamedSeries,
  type ScoreSample,
  type SeriesRow,
  type SeriesSummary,
  type Trend,
} from "./progress-series";

/**
 * Progress, attempt by attempt, from the scores the database keeps per series
 * (migration 0008: review_scores, one row per figure of each graded attempt,
 * and review_series, each series summed with its newest five, both kept
 * current by triggers as grades are stored). A page view reads one row per
 * series and, for each chart, only its newest attempts, whatever the number
 * of rounds; it writes nothing. Skipped and not-assessed answers are in
 * neither table, so in no figure.
 */

/** Attempts drawn on the overall chart: the newest. */
export const OVERALL_CHARTED = 30;
/** Attempts drawn on each criterion's or skill's chart: the newest. */
export const SERIES_CHARTED = 12;

export interface OverallAttempt extends AttemptPoint {
  title: string;
  roundId: string;
}

export interface SeriesChart extends SeriesSummary {
  points: AttemptPoint[];
  trend: Trend | null;
}

export interface Progress {
  /** Graded attempts in all. */
  answers: number;
  /** When the first graded attempt's round started (ms). */
  since: number;
  overall: SeriesSummary & { points: OverallAttempt[]; trend: Trend | null };
  /** Every criterion and skill, weakest first. */
  criteria: NamedSeries[];
  skills: NamedSeries[];
}

// Prepared once per connection: these run on every view of the review pages.
const statements = new WeakMap<object, Record<string, Statement>>();
function statement(
  name: "series" | "seriesOfKind" | "newestOverall" | "newestOfSeries",
): Statement {
  const sqlite = getSqlite();
  let prepared = statements.get(sqlite);
  if (!prepared) {
    prepared = {
      series: sqlite.prepare(`
        SELECT kind, key, name, attempts, total, recent, change, first_at AS firstAt
        FROM review_series WHERE user_id = ?`),
      seriesOfKind: sqlite.prepare(`
        SELECT kind, key, name, attempts, total, recent, change, first_at AS firstAt
        FROM review_series WHERE user_id = ? AND kind = ?`),
      newestOverall: sqlite.prepare(`
        SELECT s.at AS at, s.position AS position, s.score AS score, s.name AS title, rq.round_id AS roundId
        FROM review_scores s
        JOIN answers a ON a.id = s.answer_id
        JOIN round_questions rq ON rq.id = a.round_question_id
        WHERE s.user_id = ? AND s.kind = 'overall' AND s.key = ''
        ORDER BY s.at DESC, s.position DESC
        LIMIT ?`),
      newestOfSeries: sqlite
        .prepare(
          `SELECT at, position, score FROM review_scores
          WHERE user_id = ? AND kind = ? AND key = ?
          ORDER BY at DESC, position DESC
          LIMIT ?`,
        )
        .raw(true),
    };
    statements.set(sqlite, prepared);
  }
  return prepared[name]!;
}

/** A series' chart: its newest attempts, oldest first, and the trend through them. */
export function chartOf(userId: string, series: NamedSeries, limit = SERIES_CHARTED): SeriesChart {
  const samples = statement("newestOfSeries").all(
    userId,
    series.row.kind,
    series.row.key,
    limit,
  ) as ScoreSample[];
  const points = attemptPoints(samples, series.summary.attempts);
  return { ...series.summary, points, trend: fitTrend(points.map((p) => p.score)) };
}

/** Everything /progress shows but the charts of single series; null before the first graded attempt. */
export function loadProgress(userId: string): Progress | null {
  const rows = statement("series").all(userId) as SeriesRow[];
  const overallRow = rows.find((row) => row.kind === "overall");
  if (!overallRow) return null;
  const [overall] = seriesOf([overallRow], "overall", () => "Overall score");
  const newest = (
    statement("newestOverall").all(userId, OVERALL_CHARTED) as {
      at: number;
      position: number;
      score: number;
      title: string;
      roundId: string;
    }[]
  ).reverse();
  const first = overallRow.attempts - newest.length + 1;
  const points = newest.map(({ at, score, title, roundId }, i) => ({
    n: first + i,
    at,
    score,
    title,
    roundId,
  }));
  return {
    answers: overallRow.attempts,
    since: overallRow.firstAt,
    overall: { ...overall!.summary, points, trend: fitTrend(points.map((p) => p.score)) },
    criteria: seriesOf(rows, "criterion"),
    skills: seriesOf(rows, "skill", (row) => skillLabel(row.key)),
  };
}

/** The measured side of readiness: each skill (by its slug) with its newest-five mean and attempts, as /progress shows them. */
export function loadSkillSummaries(userId: string): (SeriesSummary & { skill: string })[] {
  const rows = statement("seriesOfKind").all(userId, "skill") as SeriesRow[];
  return seriesOf(rows, "skill").map((s) => ({ ...s.summary, skill: s.row.key }));
}
