import { describe, expect, test } from "vitest";
import { gradeSchema, type Grade } from "~/grading/grade-schema";
import { CAPPED_IMPROVEMENT, capInjectedGrade } from "./injection-cap";
import { restQuestion } from "./test-factories";

const question = restQuestion();

function grade(scores: number[], overall: number, injectionSuspected: boolean): Grade {
  return {
    overall,
    criteria: question.rubric.map((c, i) => ({
      criterionId: c.id,
      score: scores[i] ?? 1,
      evidence: null,
      rationale: "r",
    })),
    strengths: [],
    improvements: ["Explain idempotency."],
    star: null,
    probes: [],
    flags: { injectionSuspected, nonEnglish: false },
    insights: null,
  };
}

// Rubric weights are 3, 3, 2, 2.
const offline = grade([1, 2, 1, 1], 1.3, true);

describe("capInjectedGrade", () => {
  test("leaves an unflagged grade alone, however high", () => {
    const llm = grade([5, 5, 5, 5], 5, false);
    expect(capInjectedGrade(llm, offline, question)).toBe(llm);
  });

  test("leaves a flagged grade alone when it is within a point of the offline grade", () => {
    const llm = grade([2, 3, 2, 2], 2.3, true);
    expect(capInjectedGrade(llm, offline, question)).toBe(llm);
  });

  test("caps a flagged grade well above the offline grade at offline + 1, and keeps the flag", () => {
    const llm = grade([5, 5, 4, 1], 4.0, true);
    const capped = capInjectedGrade(llm, offline, question);
    expect(capped.criteria.map((c) => c.score)).toEqual([2, 3, 2, 1]);
    expect(capped.overall).toBe(2.1);
    expect(capped.overall).toBeLessThanOrEqual(offline.overall! + 1);
    expect(capped.flags.injectionSuspected).toBe(true);
    expect(capped.improvements[0]).toBe(CAPPED_IMPROVEMENT);
    expect(capped.criteria[0]?.rationale).toMatch(/Capped from 5 to 2/);
    expect(gradeSchema.safeParse(capped).success).toBe(true);
  });

  test("keeps a long rationale within the schema's limit", () => {
    const llm = grade([5, 5, 5, 5], 5, true);
    llm.criteria[0] = { ...llm.criteria[0]!, rationale: "x".repeat(1000) };
    const capped = capInjectedGrade(llm, offline, question);
    expect(capped.criteria[0]?.rationale.length).toBeLessThanOrEqual(1000);
    expect(gradeSchema.safeParse(capped).success).toBe(true);
  });
});
