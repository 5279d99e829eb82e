/**
 * The progress page's arithmetic, attempt by attempt: the series the database
 * sums (app/review/progress.server.ts) as the page shows them, weakest first;
 * a series' attempts numbered for its chart; a trend line through them. Pure,
 * so it is tested without a database.
 */
import { SCORE_MAX, SCORE_MIN } from "~/grading/score-scale";

/** One score of one attempt: when its round started (ms), the question's place in the round, the score. */
export type ScoreSample = [at: number, position: number, score: number];

/**
 * A series as review_series keeps it (migration 0008): the overall score, a
 * criterion (keyed by its name in lower case) or a skill, summed in the
 * database as grades are stored.
 */
export interface SeriesRow {
  kind: "overall" | "criterion" | "skill";
  /** The database's key: '' (overall), the criterion's name in lower case, the skill. */
  key: string;
  /** As the newest attempt names it. */
  name: string;
  attempts: number;
  total: number;
  /** Mean of the newest RECENT_SCORES scores. */
  recent: number;
  /** Mean of the newest k scores minus the first k's, k = min(5, attempts / 2); null with one attempt. */
  change: number | null;
  /** When the first attempt's round started (ms). */
  firstAt: number;
}

export interface SeriesSummary {
  /** The series as an element id and React key: "Measurable result" → "measurable-result". */
  key: string;
  name: string;
  attempts: number;
  /** Mean of every score. */
  average: number;
  /** Mean of the newest RECENT_SCORES scores: where the user stands now. */
  recent: number;
  /** The newest few scores' mean minus the first few's (as many of each, up to five); null with one attempt. */
  change: number | null;
}

/** A summary and the database key its attempts are read by. */
export interface NamedSeries {
  summary: SeriesSummary;
  row: SeriesRow;
}

/** One attempt on a chart: its number in the series (the first attempt is 1), when, and its score. */
export interface AttemptPoint {
  n: number;
  at: number;
  score: number;
}

export type TrendDirection = "rising" | "falling" | "steady";

/** A straight line fitted through a chart's attempts: its value at the first and at the last one. */
export interface Trend {
  from: number;
  to: number;
  direction: TrendDirection;
}

export const RECENT_SCORES = 5;
/** A trend line moving less than this over the attempts charted is steady. */
export const STEADY_WITHIN = 0.2;

const round1 = (n: number) => Math.round(n * 10) / 10;

// Code-point order, not localeCompare: a heavy user's lists tie often, and ICU comparisons cost microseconds each.
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Weakest first: the lowest recent score, then the most practised, then by name. */
export function weakestFirst<T extends SeriesSummary>(series: T[]): T[] {
  return [...series].sort(
    (a, b) => a.recent - b.recent || b.attempts - a.attempts || byText(a.name, b.name),
  );
}

/** A name as a key and element id: "Measurable result" → "measurable-result". */
export function keyOf(name: string, fallback: string): string {
  const key = name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return key || fallback;
}

/**
 * The series of one kind as the page shows them, weakest first: rounded to a
 * tenth, named by `nameOf` (the stored name by default), keyed by name, a key
 * two names share ("STAR structure", "STAR-structure") made unique.
 */
export function seriesOf(
  rows: SeriesRow[],
  kind: SeriesRow["kind"],
  nameOf: (row: SeriesRow) => string = (row) => row.name,
): NamedSeries[] {
  const used = new Set<string>();
  const series = rows
    .filter((row) => row.kind === kind)
    .map((row) => {
      const name = nameOf(row);
      const base = keyOf(name, row.key || kind);
      let key = base;
      for (let i = 2; used.has(key); i++) key = `${base}-${i}`;
      used.add(key);
      const summary: SeriesSummary = {
        key,
        name,
        attempts: row.attempts,
        average: round1(row.total / row.attempts),
        recent: round1(row.recent),
        change: row.change === null ? null : round1(row.change),
      };
      return { summary, row };
    });
  const order = new Map(weakestFirst(series.map((s) => s.summary)).map((s, i) => [s.key, i]));
  return series.sort((a, b) => order.get(a.summary.key)! - order.get(b.summary.key)!);
}

/**
 * The attempts to chart, oldest first, numbered in the whole series: the
 * newest `samples` of a series with `attempts` attempts in all.
 */
export function attemptPoints(samples: ScoreSample[], attempts: number): AttemptPoint[] {
  const ordered = [...samples].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const first = attempts - ordered.length + 1;
  return ordered.map(([at, , score], i) => ({ n: first + i, at, score }));
}

/**
 * The least-squares line through scores in the order they were given (one per
 * attempt, evenly spaced), as its value at the first and the last attempt,
 * kept on the 1-5 scale; null with fewer than two attempts.
 */
export function fitTrend(scores: number[]): Trend | null {
  const n = scores.length;
  if (n < 2) return null;
  const meanX = (n - 1) / 2;
  const meanY = scores.reduce((a, b) => a + b, 0) / n;
  let covariance = 0;
  let variance = 0;
  scores.forEach((y, x) => {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  });
  const slope = covariance / variance;
  const clamp = (v: number) => Math.min(SCORE_MAX, Math.max(SCORE_MIN, v));
  const from = round1(clamp(meanY - slope * meanX));
  const to = round1(clamp(meanY + slope * meanX));
  const moved = slope * (n - 1);
  const direction: TrendDirection =
    Math.abs(moved) < STEADY_WITHIN ? "steady" : moved > 0 ? "rising" : "falling";
  return { from, to, direction };
}

/** A trend in words: "rising, from 2.6 to 3.4", "steady, around 3.1"; in low-anxiety mode only "rising". */
export function trendWords(trend: Trend, lowAnxiety: boolean): string {
  if (lowAnxiety) return trend.direction;
  if (trend.direction === "steady")
    return `steady, around ${((trend.from + trend.to) / 2).toFixed(1)}`;
  return `${trend.direction}, from ${trend.from.toFixed(1)} to ${trend.to.toFixed(1)}`;
}
