import { expect, test } from "vitest";
import {
  attemptPoints,
  fitTrend,
  seriesOf,
  trendWords,
  weakestFirst,
  type ScoreSample,
  type SeriesRow,
} from "./progress-series";

const DAY = 86_400_000;
const day = (n: number) => Date.UTC(2026, 0, 1) + n * DAY;

/** A series row as review_series keeps it. */
const row = (over: Partial<SeriesRow> & { key: string }): SeriesRow => ({
  kind: "criterion",
  name: over.key,
  attempts: 1,
  total: 3,
  recent: 3,
  change: null,
  firstAt: day(0),
  ...over,
});

test("two attempts on the same day are two points, in the order taken, numbered in the series", () => {
  // Round 1 at 09:00 and round 2 at 17:00 on one day, then a third attempt the next day.
  const samples: ScoreSample[] = [
    [day(0) + 17 * 3_600_000, 1, 4],
    [day(1), 1, 5],
    [day(0) + 9 * 3_600_000, 1, 2],
  ];
  const points = attemptPoints(samples, 3);
  expect(points.map((p) => [p.n, p.score])).toEqual([
    [1, 2],
    [2, 4],
    [3, 5],
  ]);
  // Only the newest charted: numbered by their place among all seven attempts.
  expect(attemptPoints(samples, 7).map((p) => p.n)).toEqual([5, 6, 7]);
});

test("two questions of one round on one day stay apart, ordered by their place in the round", () => {
  const at = day(3);
  const points = attemptPoints(
    [
      [at, 2, 3],
      [day(1), 1, 5],
      [at, 1, 1],
    ],
    3,
  );
  expect(points.map((p) => [p.n, p.score])).toEqual([
    [1, 5],
    [2, 1],
    [3, 3],
  ]);
});

test("the trend line rises through rising scores, falls through falling ones, and is flat when flat", () => {
  const rising = fitTrend([2, 2, 3, 3, 4, 4]);
  expect(rising!.direction).toBe("rising");
  expect(rising!.to).toBeGreaterThan(rising!.from);
  expect(rising!.from).toBeCloseTo(1.9, 1);
  expect(rising!.to).toBeCloseTo(4.1, 1);
  const falling = fitTrend([5, 4, 4, 3]);
  expect(falling!.direction).toBe("falling");
  expect(falling!.to).toBeLessThan(falling!.from);
  expect(fitTrend([3, 3.1, 2.9, 3])!.direction).toBe("steady");
  // Noisy but rising overall: the line says so even though the last score dipped.
  expect(fitTrend([1, 2, 1, 3, 2, 4, 3, 5, 4])!.direction).toBe("rising");
  expect(fitTrend([3])).toBeNull();
  expect(fitTrend([])).toBeNull();
  // The line stays on the scale.
  const steep = fitTrend([1, 5]);
  expect([steep!.from, steep!.to]).toEqual([1, 5]);
});

test("a trend in words: numbers, or only its direction in low-anxiety mode", () => {
  expect(trendWords({ from: 2.6, to: 3.4, direction: "rising" }, false)).toBe(
    "rising, from 2.6 to 3.4",
  );
  expect(trendWords({ from: 3, to: 3.2, direction: "steady" }, false)).toBe("steady, around 3.1");
  expect(trendWords({ from: 2.6, to: 3.4, direction: "rising" }, true)).toBe("rising");
});

test("a series as the page shows it: rounded to a tenth, its average from the total", () => {
  const [s] = seriesOf(
    [
      row({
        key: "trade-offs",
        name: "Trade-offs",
        attempts: 3,
        total: 10,
        recent: 10 / 3,
        change: 2.96,
      }),
    ],
    "criterion",
  );
  expect(s!.summary).toEqual({
    key: "trade-offs",
    name: "Trade-offs",
    attempts: 3,
    average: 3.3,
    recent: 3.3,
    change: 3,
  });
  expect(s!.row.key).toBe("trade-offs");
});

test("criteria are series by name: keyed for the page by name, a key two names share made unique", () => {
  const series = seriesOf(
    [
      row({ key: "measurable impact and result", name: "Measurable impact and result", recent: 4 }),
      row({ key: "measurable result", name: "Measurable result", recent: 2 }),
      row({ key: "star structure", name: "STAR structure", recent: 4, attempts: 2 }),
      row({ key: "star-structure", name: "STAR-structure", recent: 4.5 }),
      // Skills and the overall score are not criteria.
      row({ kind: "skill", key: "incident-response", recent: 1 }),
      row({ kind: "overall", key: "", recent: 1 }),
    ],
    "criterion",
  );
  expect(series.map((s) => [s.summary.key, s.summary.name, s.summary.attempts])).toEqual([
    ["measurable-result", "Measurable result", 1],
    ["star-structure", "STAR structure", 2],
    ["measurable-impact-and-result", "Measurable impact and result", 1],
    ["star-structure-2", "STAR-structure", 1],
  ]);
  // The database's key reads the attempts.
  expect(series.map((s) => s.row.key)).toContain("star-structure");
});

test("weakest first: lowest recent score, then most practised, then by name", () => {
  const s = (key: string, recent: number, attempts: number) => ({
    key,
    name: key,
    recent,
    attempts,
    average: recent,
    change: null,
  });
  expect(
    weakestFirst([s("c", 3, 1), s("a", 2, 1), s("b", 2, 9), s("d", 2, 9)]).map((x) => x.key),
  ).toEqual(["b", "d", "a", "c"]);
  const skills = seriesOf(
    [
      row({ kind: "skill", key: "docker", recent: 4 }),
      row({ kind: "skill", key: "rest-api", recent: 2 }),
    ],
    "skill",
    (r) => r.key.toUpperCase(),
  );
  expect(skills.map((x) => [x.summary.key, x.summary.name])).toEqual([
    ["rest-api", "REST-API"],
    ["docker", "DOCKER"],
  ]);
});
