import { expect, test } from "vitest";
import { criterionChanges } from "./criterion-changes";

const criteria = [
  { id: "a", name: "Alpha" },
  { id: "b", name: "Beta" },
];

test("overall first, then each criterion: first, previous, latest and the changes", () => {
  const changes = criterionChanges(criteria, [
    { overall: 2, scores: { a: 2, b: 1 } },
    { overall: 3, scores: { a: 3, b: 3 } },
    { overall: 3.5, scores: { a: 4, b: 3 } },
  ]);
  expect(changes.map((c) => c.criterionId)).toEqual(["overall", "a", "b"]);
  expect(changes[1]).toMatchObject({
    first: 2,
    previous: 3,
    latest: 4,
    sincePrevious: 1,
    sinceFirst: 2,
  });
  expect(changes[2]).toMatchObject({ sincePrevious: 0, sinceFirst: 2 });
  expect(changes[0]).toMatchObject({ sinceFirst: 1.5 });
});

test("one attempt has no change; a criterion the old rubric lacked counts only where scored", () => {
  expect(criterionChanges(criteria, [{ overall: 3, scores: { a: 3, b: 2 } }])[1]).toMatchObject({
    first: 3,
    latest: 3,
    previous: null,
    sincePrevious: null,
    sinceFirst: null,
  });
  const changes = criterionChanges(criteria, [
    { overall: 2, scores: { a: 2 } },
    { overall: 4, scores: { a: 4, b: 5 } },
  ]);
  expect(changes[2]).toMatchObject({ first: 5, latest: 5, sinceFirst: null });
});

test("no graded attempts: nothing to compare", () => {
  expect(criterionChanges(criteria, []).every((c) => c.latest === null)).toBe(true);
});
