import { expect, test } from "vitest";
import { assessSkills, rankGaps } from "./readiness";

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
