import { describe, expect, test } from "vitest";
import { gradeSchema, type Grade, type GradeRequest } from "~/grading/grade-schema";
import type { LlmReply } from "./llm-output-schema";
import { buildLlmGrade, clampScore, IncompleteGradeError } from "./normalise-grade";
import { behaviouralQuestion, CLEAN_REST_ANSWER, makeRequest } from "./test-factories";

const offline: Grade = {
  overall: 2,
  criteria: [],
  strengths: [],
  improvements: [],
  star: { present: ["action"], missing: ["situation", "task", "result"] },
  probes: [
    {
      question: "How would you version this API without breaking mobile clients?",
      criterionId: "trade-offs",
    },
    { question: "How do you paginate ten million records?", criterionId: null },
  ],
  flags: { injectionSuspected: false, nonEnglish: true },
  insights: {
    wordCount: 80,
    wordsPerMinute: 20,
    fillerWords: [],
    topWords: [],
    termsUsed: ["rest"],
  },
};

const QUOTE =
  "GET, PUT and DELETE are idempotent, so clients can retry them safely after a timeout.";

function reply(overrides: Partial<LlmReply> = {}): LlmReply {
  return {
    criteria: [
      { criterionId: "resources-and-uris", score: 4, evidence: QUOTE, rationale: "Clear." },
      { criterionId: "http-methods-and-status", score: 3, evidence: null, rationale: "Some." },
      { criterionId: "statelessness-and-caching", score: 5, evidence: null, rationale: "Strong." },
      { criterionId: "trade-offs", score: 2, evidence: null, rationale: "Thin." },
    ],
    strengths: ["Concrete URIs."],
    improvements: ["Explain caching."],
    star: null,
    probes: [
      {
        question: "How would you make a POST that creates a payment safe to retry?",
        criterionId: "http-methods-and-status",
      },
    ],
    ...overrides,
  };
}

const build = (r: LlmReply, request: GradeRequest = makeRequest(), suspicious = false) =>
  buildLlmGrade(r, { request, offline, suspicious });

describe("buildLlmGrade", () => {
  test("produces a grade that satisfies the contract", () => {
    const grade = build(reply());
    expect(gradeSchema.parse(grade)).toEqual(grade);
    expect(grade.criteria.map((c) => c.criterionId)).toEqual(
      makeRequest().question.rubric.map((c) => c.id),
    );
  });

  test("clamps scores to 1-5 and rounds them", () => {
    expect([9, 5.4, 3.5, 2.6, 0, -3].map(clampScore)).toEqual([5, 5, 4, 3, 1, 1]);
    const r = reply();
    r.criteria = r.criteria.map((c, i) => ({ ...c, score: [7, 0.2, 2.6, -1][i] ?? 3 }));
    expect(build(r).criteria.map((c) => c.score)).toEqual([5, 1, 3, 1]);
  });

  test("recomputes the overall from the rubric weights", () => {
    // weights 3, 3, 2, 2: (4*3 + 3*3 + 5*2 + 2*2) / 10 = 3.5
    expect(build(reply()).overall).toBe(3.5);
  });

  test("keeps evidence that occurs in the answer and drops evidence that does not", () => {
    const r = reply();
    r.criteria[0] = { ...r.criteria[0]!, evidence: `"${QUOTE.toUpperCase()}"` };
    r.criteria[1] = { ...r.criteria[1]!, evidence: "We always return 200 with an error field." };
    r.criteria[2] = { ...r.criteria[2]!, evidence: "   " };
    const [first, second, third] = build(r).criteria;
    expect(first?.evidence).toBe(QUOTE.toUpperCase());
    expect(second?.evidence).toBeNull();
    expect(third?.evidence).toBeNull();
  });

  test("drops criteria the rubric does not have and keeps the first of duplicates", () => {
    const r = reply();
    r.criteria.push({ criterionId: "charisma", score: 5, evidence: null, rationale: "Invented." });
    r.criteria.push({
      criterionId: "trade-offs",
      score: 5,
      evidence: null,
      rationale: "Duplicate.",
    });
    const grade = build(r);
    expect(grade.criteria).toHaveLength(4);
    expect(grade.criteria.find((c) => c.criterionId === "trade-offs")?.score).toBe(2);
  });

  test("reports rubric criteria the model left out", () => {
    const r = reply();
    r.criteria = r.criteria.filter((c) => c.criterionId !== "trade-offs");
    expect(() => build(r)).toThrow(IncompleteGradeError);
    expect(() => build(r)).toThrow(/missing: Trade-offs and design judgement/);
  });

  test("trims lists and texts to the contract's limits", () => {
    const long = "x".repeat(700);
    const grade = build(
      reply({
        strengths: Array.from({ length: 9 }, (_, i) => `Strength ${i}`),
        improvements: [long, "  ", "Fine."],
      }),
    );
    expect(grade.strengths).toHaveLength(6);
    expect(grade.improvements).toHaveLength(2);
    expect(grade.improvements[0]?.length).toBeLessThanOrEqual(500);
  });

  test("takes flags and insights from the offline analysis, adding the neutraliser's suspicion", () => {
    expect(build(reply()).flags).toEqual({ injectionSuspected: false, nonEnglish: true });
    expect(build(reply()).insights).toEqual(offline.insights);
    expect(build(reply(), makeRequest(), true).flags.injectionSuspected).toBe(true);
  });
});

describe("probes", () => {
  test("drop repeats of probes already asked, ignoring case and punctuation", () => {
    const request = makeRequest({
      askedProbes: ["how would you make a POST that creates a payment safe to retry"],
    });
    const grade = build(reply(), request);
    expect(grade.probes.map((p) => p.question)).not.toContain(
      "How would you make a POST that creates a payment safe to retry?",
    );
  });

  test("are topped up to two from the offline grader's, never more than three", () => {
    expect(build(reply()).probes).toHaveLength(2);
    expect(build(reply()).probes[1]).toEqual(offline.probes[0]);
    const many = reply({
      probes: Array.from({ length: 5 }, (_, i) => ({
        question: `Probe number ${i}?`,
        criterionId: null,
      })),
    });
    expect(build(many).probes).toHaveLength(3);
  });

  test("lose a criterion id the rubric does not have", () => {
    const grade = build(reply({ probes: [{ question: "Why?", criterionId: "charisma" }] }));
    expect(grade.probes[0]).toEqual({ question: "Why?", criterionId: null });
  });
});

describe("STAR parts", () => {
  const behavioural = makeRequest({
    question: behaviouralQuestion(),
    answer: "I paged the DBA and rolled back within 12 minutes; errors fell from 30% to 0.",
  });
  const behaviouralReply = (star: LlmReply["star"]): LlmReply => ({
    ...reply({ star }),
    criteria: behaviouralQuestion().rubric.map((c) => ({
      criterionId: c.id,
      score: 3,
      evidence: null,
      rationale: "Ok.",
    })),
  });

  test("are taken from the model for behavioural questions, with missing recomputed", () => {
    const grade = build(
      behaviouralReply({ present: ["Action", "result", "bogus"], missing: [] }),
      behavioural,
    );
    expect(grade.star).toEqual({ present: ["action", "result"], missing: ["situation", "task"] });
  });

  test("fall back to the offline grader's when the model gives none", () => {
    expect(build(behaviouralReply(null), behavioural).star).toEqual(offline.star);
  });

  test("are null for other kinds of question, whatever the model says", () => {
    expect(build(reply({ star: { present: ["action"], missing: [] } })).star).toBeNull();
  });
});

test("the clean answer fixture contains the quoted sentence", () => {
  expect(CLEAN_REST_ANSWER).toContain(QUOTE);
});
