import { expect, test } from "vitest";
import { intervalDays, schedule } from "./spaced-repetition";

const NOW = new Date("2026-03-10T12:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

test("weaker answers come back sooner; strong, repeated ones wait longer", () => {
  expect(intervalDays(1.5, 1)).toBe(1);
  expect(intervalDays(2.5, 1)).toBe(2);
  expect(intervalDays(3.2, 1)).toBe(4);
  expect(intervalDays(3.8, 1)).toBe(7);
  expect(intervalDays(4.2, 1)).toBe(14);
  expect(intervalDays(4.2, 3)).toBe(28);
  expect(intervalDays(4.8, 5)).toBe(60);
});

test("due questions first, the weakest and longest waiting first; then the rest by due date", () => {
  const result = schedule(
    [
      { questionId: "strong-recent", lastAt: daysAgo(2), overall: 4.6, attempts: 1 },
      { questionId: "weak-old", lastAt: daysAgo(20), overall: 2.0, attempts: 1 },
      { questionId: "weak-yesterday", lastAt: daysAgo(1), overall: 1.5, attempts: 1 },
      { questionId: "middling-soon", lastAt: daysAgo(5), overall: 3.8, attempts: 2 },
    ],
    NOW,
  );
  expect(result.map((r) => [r.questionId, r.due])).toEqual([
    ["weak-old", true],
    ["weak-yesterday", true],
    ["middling-soon", false],
    ["strong-recent", false],
  ]);
  expect(result[2]!.dueAt.toISOString()).toBe("2026-03-12T12:00:00.000Z");
});

test("due later today counts as due today", () => {
  const [r] = schedule(
    [{ questionId: "q", lastAt: new Date("2026-03-09T20:00:00Z"), overall: 1.2, attempts: 1 }],
    NOW,
  );
  expect(r!.dueAt.toISOString()).toBe("2026-03-10T20:00:00.000Z");
  expect(r!.due).toBe(true);
});
