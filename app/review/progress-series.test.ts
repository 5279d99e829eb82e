import { expect, test } from "vitest";
import { bucketFor, buildSeries, criterionSeries } from "./progress-series";

test("buckets grow with the time span", () => {
  const start = new Date("2026-01-01T00:00:00Z");
  expect(bucketFor(start, new Date("2026-01-10T00:00:00Z"))).toBe("day");
  expect(bucketFor(start, new Date("2026-03-01T00:00:00Z"))).toBe("week");
  expect(bucketFor(start, new Date("2027-01-01T00:00:00Z"))).toBe("month");
});

test("series merge rows per key and period, in time order, weakest recent first", () => {
  const series = buildSeries(
    [
      { key: "b", period: "2026-02-01", sum: 8, n: 2 },
      { key: "a", period: "2026-02-01", sum: 6, n: 2 },
      { key: "a", period: "2026-01-01", sum: 10, n: 2 },
      // Two questions share a skill: their rows merge.
      { key: "a", period: "2026-02-01", sum: 2, n: 1 },
    ],
    (key) => key.toUpperCase(),
  );
  expect(series.map((s) => s.key)).toEqual(["a", "b"]);
  const [a] = series;
  expect(a).toMatchObject({ name: "A", attempts: 5, average: 3.6 });
  expect(a!.points).toEqual([
    { period: "2026-01-01", average: 5, count: 2 },
    { period: "2026-02-01", average: 2.7, count: 3 },
  ]);
  // Recent: newest periods until five scores are counted, here all of them.
  expect(a!.recent).toBe(3.6);
});

test("recent stops once enough scores are counted, so old periods do not mask a slide", () => {
  const [s] = buildSeries(
    [
      { key: "x", period: "2026-01-01", sum: 50, n: 10 },
      { key: "x", period: "2026-02-01", sum: 10, n: 5 },
    ],
    (k) => k,
  );
  expect(s).toMatchObject({ recent: 2, average: 4 });
});

test("criteria are named per question: a shared id under two names is two series, a shared name is one", () => {
  const names: Record<string, string> = {
    "incident/measurable-result": "Measurable impact and result",
    "speed-up/measurable-result": "Measurable result",
    "incident/star-structure": "STAR structure",
    "speed-up/star-structure": "STAR structure",
  };
  const series = criterionSeries(
    [
      {
        questionId: "incident",
        criterionId: "measurable-result",
        period: "2026-01-01",
        sum: 4,
        n: 1,
      },
      {
        questionId: "speed-up",
        criterionId: "measurable-result",
        period: "2026-01-01",
        sum: 2,
        n: 1,
      },
      { questionId: "incident", criterionId: "star-structure", period: "2026-01-01", sum: 3, n: 1 },
      { questionId: "speed-up", criterionId: "star-structure", period: "2026-01-01", sum: 5, n: 1 },
    ],
    (question, criterion) => names[`${question}/${criterion}`]!,
  );
  expect(series.map((s) => [s.key, s.name, s.attempts])).toEqual([
    ["measurable-result", "Measurable result", 1],
    ["star-structure", "STAR structure", 2],
    ["measurable-impact-and-result", "Measurable impact and result", 1],
  ]);
});
