/** Turning per-period sums into chart series, and ordering them weakest first. Pure, so it is tested without a database. */

export type Bucket = "day" | "week" | "month";

export interface PeriodSum {
  key: string;
  period: string;
  sum: number;
  n: number;
}

/** A criterion's sums, still per question: which question's rubric it belongs to decides its name. */
export interface CriterionPeriodSum {
  questionId: string;
  criterionId: string;
  period: string;
  sum: number;
  n: number;
}

export interface SeriesPoint {
  /** First day of the period, YYYY-MM-DD. */
  period: string;
  average: number;
  count: number;
}

export interface Series {
  key: string;
  name: string;
  points: SeriesPoint[];
  attempts: number;
  average: number;
  /** Mean of the newest periods holding at least RECENT_SCORES scores: where the user stands now. */
  recent: number;
  /** Newest period's average minus the oldest's; null with a single period. */
  change: number | null;
}

export const RECENT_SCORES = 5;

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Days up to two weeks, weeks up to half a year, months beyond. */
export function bucketFor(first: Date, last: Date): Bucket {
  const days = (last.getTime() - first.getTime()) / 86_400_000;
  return days <= 14 ? "day" : days <= 183 ? "week" : "month";
}

/** Builds one series per key from rows of (key, period, sum, count), weakest recent average first. */
export function buildSeries(rows: PeriodSum[], nameOf: (key: string) => string): Series[] {
  const byKey = new Map<string, Map<string, { sum: number; n: number }>>();
  for (const row of rows) {
    const periods = byKey.get(row.key) ?? new Map<string, { sum: number; n: number }>();
    const cell = periods.get(row.period) ?? { sum: 0, n: 0 };
    cell.sum += row.sum;
    cell.n += row.n;
    periods.set(row.period, cell);
    byKey.set(row.key, periods);
  }
  const series = [...byKey.entries()].map(([key, periods]) => {
    const points = [...periods.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([period, { sum, n }]) => ({ period, average: round1(sum / n), count: n, sum }));
    const total = points.reduce((acc, p) => ({ sum: acc.sum + p.sum, n: acc.n + p.count }), {
      sum: 0,
      n: 0,
    });
    let recentSum = 0;
    let recentN = 0;
    for (const p of [...points].reverse()) {
      recentSum += p.sum;
      recentN += p.count;
      if (recentN >= RECENT_SCORES) break;
    }
    return {
      key,
      name: nameOf(key),
      points: points.map(({ period, average, count }) => ({ period, average, count })),
      attempts: total.n,
      average: round1(total.sum / total.n),
      recent: round1(recentSum / recentN),
      change: points.length > 1 ? round1(points.at(-1)!.average - points[0]!.average) : null,
    };
  });
  return series.sort(
    (a, b) => a.recent - b.recent || b.attempts - a.attempts || a.name.localeCompare(b.name),
  );
}

/** A name as a key and element id: "Measurable result" → "measurable-result". */
function keyOf(name: string, fallback: string): string {
  const key = name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return key || fallback;
}

/**
 * One series per criterion as the user's questions name it. Criteria are named
 * per (question, criterion), since questions reuse an id under different names;
 * criteria sharing a name across questions ("STAR structure") are one series.
 */
export function criterionSeries(
  rows: CriterionPeriodSum[],
  nameOf: (questionId: string, criterionId: string) => string,
): Series[] {
  const names = new Map<string, string>();
  const keyed = rows.map(({ questionId, criterionId, period, sum, n }) => {
    const name = nameOf(questionId, criterionId);
    const key = keyOf(name, criterionId);
    if (!names.has(key)) names.set(key, name);
    return { key, period, sum, n };
  });
  return buildSeries(keyed, (key) => names.get(key) ?? key);
}
