import { createEmptyCard, fsrs, Rating } from "ts-fsrs";
import { describe, expect, test } from "vitest";
import {
  nextDue,
  nextDueRemembered,
  ratingFor,
  schedule,
  SCHEDULER_PARAMS,
  type Attempt,
} from "./spaced-repetition";

const DAY = 86_400_000;
const NOW = new Date("2026-03-10T12:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);
const at = (days: number, overall: number): Attempt => ({ at: daysAgo(days), overall });

describe("a score as an FSRS rating", () => {
  test.each([
    [1, Rating.Again],
    [1.99, Rating.Again],
    [2, Rating.Hard],
    [2.99, Rating.Hard],
    [3, Rating.Good],
    [4.19, Rating.Good],
    [4.2, Rating.Easy],
    [5, Rating.Easy],
  ])("%s is rated %s", (overall, rating) => {
    expect(ratingFor(overall)).toBe(rating);
  });
});

describe("replaying the attempts", () => {
  test("a first attempt waits longer the better it was, a day at the least", () => {
    const waits = [1.2, 2.5, 3.5, 4.6].map(
      (score) => (nextDue([at(0, score)]).getTime() - NOW.getTime()) / DAY,
    );
    expect(waits[0]).toBeGreaterThanOrEqual(1);
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    expect(new Set(waits).size).toBe(4);
  });

  test("the same last score after different earlier attempts gives different due dates", () => {
    const struggled = nextDue([at(20, 1.5), at(12, 1.8), at(2, 3.6)]);
    const steady = nextDue([at(20, 4.5), at(12, 4.4), at(2, 3.6)]);
    // Strong earlier answers make the memory stable: the same 3.6 waits much longer.
    expect(steady.getTime()).toBeGreaterThan(struggled.getTime() + 7 * DAY);
    expect(nextDue([at(2, 3.6)]).getTime()).not.toBe(steady.getTime());
  });

  test("attempts are replayed in time order, whatever order they come in", () => {
    const history = [at(30, 2.1), at(9, 4.0), at(3, 4.6)];
    expect(nextDue([...history].reverse()).toISOString()).toBe(nextDue(history).toISOString());
  });

  test("the replay gives what ts-fsrs's own scheduler gives, review after review", () => {
    const reference = fsrs(SCHEDULER_PARAMS);
    // A seeded generator: varied histories (same-day retries, long gaps, every rating), the same each run.
    let seed = 7;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    for (let n = 0; n < 300; n++) {
      let at = NOW.getTime() - 400 * DAY;
      const history: Attempt[] = [];
      for (let k = 0, count = 1 + Math.floor(random() * 15); k < count; k++) {
        at += random() < 0.2 ? random() * DAY * 0.5 : random() * DAY * 40;
        history.push({ at: new Date(at), overall: 1 + Math.round(random() * 40) / 10 });
      }
      let card = createEmptyCard(history[0]!.at);
      for (const a of history) card = reference.next(card, a.at, ratingFor(a.overall)).card;
      expect(nextDue(history).toISOString()).toBe(card.due.toISOString());
    }
  });

  test("a remembered replay gives the same date as replaying, for each history, in any order", () => {
    let seed = 11;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    for (let n = 0; n < 200; n++) {
      const history: Attempt[] = Array.from({ length: 1 + Math.floor(random() * 12) }, () =>
        at(random() * 300, 1 + Math.round(random() * 40) / 10),
      );
      const expected = nextDue(history).toISOString();
      expect(nextDueRemembered(history).toISOString()).toBe(expected);
      expect(nextDueRemembered([...history].reverse()).toISOString()).toBe(expected);
    }
    // One more attempt, or one rated differently, is another history.
    const base = [at(30, 2.1), at(9, 4.0)];
    expect(nextDueRemembered(base).toISOString()).toBe(nextDue(base).toISOString());
    const more = [...base, at(3, 4.6)];
    expect(nextDueRemembered(more).toISOString()).toBe(nextDue(more).toISOString());
    const rerated = [at(30, 2.1), at(9, 1.5)];
    expect(nextDueRemembered(rerated).toISOString()).toBe(nextDue(rerated).toISOString());
  });

  test("no attempts is a programming error, not a date", () => {
    expect(() => nextDue([])).toThrow();
  });
});

describe("the queue's order", () => {
  test("due questions first, most overdue first; then the rest by due date", () => {
    const result = schedule(
      [
        { questionId: "strong-recent", attempts: [at(2, 4.6)] },
        { questionId: "weak-old", attempts: [at(20, 2.0)] },
        { questionId: "weak-yesterday", attempts: [at(1.5, 1.5)] },
        { questionId: "good-twice", attempts: [at(9, 3.8), at(5, 3.8)] },
        { questionId: "never-graded", attempts: [] },
      ],
      NOW,
    );
    expect(result.map((r) => [r.questionId, r.due])).toEqual([
      ["weak-old", true],
      ["weak-yesterday", true],
      ["strong-recent", false],
      ["good-twice", false],
    ]);
    expect(result.find((r) => r.questionId === "good-twice")).toMatchObject({
      attempts: 2,
      overall: 3.8,
      lastAt: daysAgo(5),
    });
    const dueAt = result.map((r) => r.dueAt.getTime());
    expect(dueAt[0]).toBeLessThan(dueAt[1]!);
    expect(dueAt[2]).toBeLessThan(dueAt[3]!);
  });

  test("due exactly now counts as due", () => {
    const dueAt = nextDue([at(10, 1.2)]);
    expect(schedule([{ questionId: "q", attempts: [at(10, 1.2)] }], dueAt)[0]!.due).toBe(true);
    expect(
      schedule([{ questionId: "q", attempts: [at(10, 1.2)] }], new Date(dueAt.getTime() - 1))[0]!
        .due,
    ).toBe(false);
  });
});
