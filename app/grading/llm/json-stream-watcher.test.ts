import { describe, expect, test } from "vitest";
import { createJsonStreamWatcher, type JsonPath } from "./json-stream-watcher";

const DOC = {
  criteria: [
    {
      criterionId: "a",
      score: 4,
      evidence: 'He said "use {braces} and [brackets]" \\ fine',
      rationale: "ok",
    },
    {
      criterionId: "b",
      score: 2,
      evidence: null,
      rationale: "nested",
      extra: { deep: [1, { x: "]" }] },
    },
  ],
  strengths: ["one, two", "three"],
  improvements: [],
  star: null,
  probes: [{ question: "Why?", criterionId: null }],
};

function watch(text: string, pieceSize: number): [JsonPath, unknown][] {
  const seen: [JsonPath, unknown][] = [];
  const watcher = createJsonStreamWatcher((path, value) => seen.push([path, value]));
  for (let i = 0; i < text.length; i += pieceSize) watcher.push(text.slice(i, i + pieceSize));
  return seen;
}

describe("createJsonStreamWatcher", () => {
  const expected: [JsonPath, unknown][] = [
    [["criteria", 0], DOC.criteria[0]],
    [["criteria", 1], DOC.criteria[1]],
    [["criteria"], DOC.criteria],
    [["strengths", 0], "one, two"],
    [["strengths", 1], "three"],
    [["strengths"], DOC.strengths],
    [["improvements"], []],
    [["probes", 0], DOC.probes[0]],
    [["probes"], DOC.probes],
  ];

  test.each([1, 3, 7, 64, 10_000])(
    "reports each completed value once, in order, in pieces of %i",
    (size) => {
      expect(watch(JSON.stringify(DOC), size)).toEqual(expected);
      expect(watch(JSON.stringify(DOC, null, 2), size)).toEqual(expected);
    },
  );

  test("reports an element as soon as it closes, before the rest arrives", () => {
    const text = JSON.stringify(DOC);
    const firstEnd = text.indexOf("},{") + 1;
    expect(watch(text.slice(0, firstEnd), 5)).toEqual([[["criteria", 0], DOC.criteria[0]]]);
  });

  test("skips prose or a code fence before the object, and anything after it", () => {
    const text = "Here is the grade:\n```json\n" + JSON.stringify(DOC) + '\n```\n{"criteria": []}';
    expect(watch(text, 9)).toEqual(expected);
  });

  test("reports nothing for text that never becomes JSON", () => {
    expect(watch("I cannot grade this answer.", 4)).toEqual([]);
  });
});

describe("deeper values (maxDepth 3)", () => {
  test("reports a criterion's rationale before the criterion (and its score, written last) completes", () => {
    const doc = {
      criteria: {
        "trade-offs": { evidence: ["a [quote]"], rationale: "Why {it} scored.", score: 4 },
      },
      strengths: [],
    };
    const seen: [JsonPath, unknown][] = [];
    const watcher = createJsonStreamWatcher((path, value) => seen.push([path, value]), {
      maxDepth: 3,
    });
    const text = JSON.stringify(doc);
    for (let i = 0; i < text.length; i += 2) watcher.push(text.slice(i, i + 2));
    expect(seen).toEqual([
      [["criteria", "trade-offs", "evidence"], ["a [quote]"]],
      [["criteria", "trade-offs", "rationale"], "Why {it} scored."],
      [["criteria", "trade-offs"], doc.criteria["trade-offs"]],
      [["criteria"], doc.criteria],
      [["strengths"], []],
    ]);
  });
});
