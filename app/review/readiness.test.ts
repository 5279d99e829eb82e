import { expect, test } from "vitest";
import { assessSkills, rankGaps, readinessCredit, readinessFigure } from "./readiness";

const skills = [
  { skill: "docker", frequency: 1 },
  { skill: "postgresql", frequency: 3 },
  { skill: "rest-api", frequency: 2 },
  { skill: "caching", frequency: 2 },
  { skill: "nodejs", frequency: 1 },
];

test("measured scores win over self-scores; a self-score well above the measure is flagged", () => {
  const assessed = assessSkills(
    skills,
    new Map([
      ["docker", 5],
      ["postgresql", 2],
      ["rest-api", 4],
    ]),
    new Map([
      ["docker", { score: 2.5, attempts: 3 }],
      ["caching", { score: 4.2, attempts: 1 }],
    ]),
  );
  const by = Object.fromEntries(assessed.map((s) => [s.skill, s]));
  expect(by.docker).toMatchObject({
    self: 5,
    measured: 2.5,
    gap: 1.5,
    overrated: true,
    attempts: 3,
  });
  expect(by.postgresql).toMatchObject({ self: 2, measured: null, gap: 2, overrated: false });
  expect(by["rest-api"]).toMatchObject({ gap: 0 });
  expect(by.caching).toMatchObject({ gap: 0, self: null });
  expect(by.nodejs).toMatchObject({ gap: null });
});

test("gaps rank by size, then by how often the skill is asked; unjudged skills come last", () => {
  const ranked = rankGaps(
    assessSkills(
      skills,
      new Map([
        ["docker", 3],
        ["rest-api", 3],
        ["postgresql", 1],
      ]),
      new Map(),
    ),
  );
  expect(ranked.map((s) => s.skill)).toEqual([
    "postgresql",
    "rest-api",
    "docker",
    "caching",
    "nodejs",
  ]);
});

test("one readiness figure: each skill weighted by how often it is asked, in full at 4, in part below, nothing unknown", () => {
  expect([null, 1, 2.5, 3, 4, 5].map(readinessCredit)).toEqual([0, 0, 0.5, 2 / 3, 1, 1]);
  const matrix = assessSkills(
    skills,
    // Docker rated 5 but measured 2.5: the measure counts. Node.js rated 4, never answered: the rating counts.
    new Map([
      ["docker", 5],
      ["nodejs", 4],
    ]),
    new Map([
      ["docker", { score: 2.5, attempts: 3 }],
      ["postgresql", { score: 4.2, attempts: 6 }],
      ["rest-api", { score: 1, attempts: 2 }],
    ]),
  );
  // Weights: docker 1, postgresql 3, rest-api 2, caching 2, nodejs 1 (9 in all).
  // Credit: docker 0.5, postgresql 1, rest-api 0, caching (unknown) 0, nodejs 1 → 4.5 / 9.
  expect(readinessFigure(matrix)).toEqual({
    percent: 50,
    words: "getting there",
    skills: 5,
    measured: 3,
    rated: 1,
    unknown: 1,
  });
});

test("the figure reaches 100% only when every skill is ready, and is 0% before anything is known", () => {
  const ready = new Map(skills.map((s) => [s.skill, { score: 4, attempts: 5 }]));
  expect(readinessFigure(assessSkills(skills, new Map(), ready))).toMatchObject({
    percent: 100,
    words: "ready",
  });
  const almost = new Map(ready);
  almost.set("docker", { score: 3.9, attempts: 5 });
  expect(readinessFigure(assessSkills(skills, new Map(), almost)).percent).toBe(99);
  expect(readinessFigure(assessSkills(skills, new Map(), new Map()))).toMatchObject({
    percent: 0,
    words: "just starting",
    unknown: 5,
  });
  expect(readinessFigure([]).percent).toBe(0);
});
