import { expect, test } from "vitest";
import type { Grade } from "~/grading/grade-schema";
import { groupFeedback } from "./criterion-feedback";

const names: Record<string, string> = {
  a: "Trade-offs",
  b: "Trade-offs (in practice)",
  c: "Backpressure",
};
const nameOf = (id: string) => names[id] ?? id;

const grade: Grade = {
  overall: 2.5,
  criteria: [
    {
      criterionId: "a",
      score: 4,
      evidence: "It depends.",
      rationale: "Trade-offs (4/5): Explained cost.",
    },
    {
      criterionId: "b",
      score: 2,
      evidence: null,
      rationale: "Trade-offs (in practice) (2/5): Did not cover latency.",
    },
    {
      criterionId: "c",
      score: 1,
      evidence: null,
      rationale: "The model's own words, with no lead-in.",
    },
  ],
  strengths: [
    'Trade-offs: explained cost — "It depends."',
    "Backed the answer with numbers (2 s, 300 ms).",
  ],
  improvements: [
    "At 40 words the answer is thin for 5 minutes.",
    "Trade-offs (in practice): cover this point, with why it matters: latency grows with queue depth.",
    "Backpressure (1/5): add depth: a concrete example.",
  ],
  star: null,
  probes: [],
  flags: { injectionSuspected: false, nonEnglish: false },
  insights: null,
};

test("each criterion's words appear once, in its own place; sentences about the whole answer stay general", () => {
  const grouped = groupFeedback(grade, nameOf);
  expect(grouped.criteria.map((c) => [c.name, c.why, c.nextSteps])).toEqual([
    ["Trade-offs", "Explained cost.", []],
    [
      "Trade-offs (in practice)",
      "Did not cover latency.",
      ["Cover this point, with why it matters: latency grows with queue depth."],
    ],
    ["Backpressure", "The model's own words, with no lead-in.", ["Add depth: a concrete example."]],
  ]);
  expect(grouped.strengths).toEqual(["Backed the answer with numbers (2 s, 300 ms)."]);
  expect(grouped.improvements).toEqual(["At 40 words the answer is thin for 5 minutes."]);
  expect(grouped.anyStrength).toBe(true);
});

test("a grade whose sentences name no criterion (an LLM's) keeps every sentence; an empty grade has none", () => {
  const llm: Grade = {
    ...grade,
    strengths: ["Clear structure."],
    improvements: ["Say what you measured."],
  };
  const grouped = groupFeedback(llm, nameOf);
  expect(grouped.strengths).toEqual(["Clear structure."]);
  expect(grouped.improvements).toEqual(["Say what you measured."]);
  expect(grouped.criteria.every((c) => c.nextSteps.length === 0)).toBe(true);
  const empty = groupFeedback({ ...grade, criteria: [], strengths: [], improvements: [] }, nameOf);
  expect(empty).toEqual({ criteria: [], strengths: [], improvements: [], anyStrength: false });
});
