import { renderToStaticMarkup } from "react-dom/server";
import { expect, test, vi } from "vitest";
import type { Grade, GradeProvenance } from "~/grading/grade-schema";
import { GradeCard } from "./grade-card";

vi.mock("./use-low-anxiety", () => ({ useLowAnxiety: () => false }));

const provenance: GradeProvenance = {
  grader: "openai",
  model: "llama3.1:8b",
  promptVersion: "grade-answer@2+follow-up-probes@1",
  fallbackReason: null,
  tokensIn: 1,
  tokensOut: 1,
  latencyMs: 1,
};

const grade: Grade = {
  overall: 3,
  criteria: [
    {
      criterionId: "a",
      score: 4,
      evidence: "One.",
      rationale: "Clear.",
      quotes: ["One.", "Two."],
      spread: 2,
      cappedFrom: null,
    },
    {
      criterionId: "b",
      score: 2,
      evidence: null,
      rationale: "Thin. (Capped from 5 to 2: every quote does not occur in the answer.)",
      quotes: [],
      spread: 0,
      cappedFrom: 5,
    },
  ],
  strengths: [],
  improvements: [],
  star: null,
  probes: [],
  flags: { injectionSuspected: false, nonEnglish: true },
  insights: null,
  checks: { relevanceChecked: false, retried: true, samples: 3 },
};

test("the grade card shows the prompt version, samples, every verified quote, caps, uncertainty and unchecked relevance", () => {
  const page = renderToStaticMarkup(
    <GradeCard
      grade={grade}
      provenance={provenance}
      criteria={[
        { id: "a", name: "Alpha" },
        { id: "b", name: "Beta" },
      ]}
    />,
  );
  expect(page).toContain(
    "Graded by llama3.1:8b (prompt grade-answer@2+follow-up-probes@1), median of 3 replies",
  );
  expect(page).toContain('<q class="evidence">One.</q><q class="evidence">Two.</q>');
  expect(page).toMatch(
    /Alpha<\/th><td>4 \/ 5<span class="hint unsure"> — the model was unsure here/,
  );
  expect(page).toMatch(
    /Beta<\/th><td>2 \/ 5<span class="hint capped"> \(capped: the model gave 5 \/ 5 without a sentence of the answer to show for it\)/,
  );
  expect(page).toContain("Relevance not checked");
});

test("a grade stored before the checks shows none of it", () => {
  const old: Grade = {
    ...grade,
    checks: undefined,
    criteria: grade.criteria.map(({ criterionId, score, evidence, rationale }) => ({
      criterionId,
      score,
      evidence,
      rationale,
    })),
  };
  const page = renderToStaticMarkup(
    <GradeCard grade={old} provenance={provenance} criteria={[]} />,
  );
  expect(page).not.toContain("unsure");
  expect(page).not.toContain("capped:");
  expect(page).not.toContain("Relevance not checked");
});

test("an offline grade says what the offline grader judges; a grade without a score says it was not assessed", () => {
  const offline: GradeProvenance = {
    ...provenance,
    grader: "offline",
    model: "rubric-heuristic@1",
    promptVersion: null,
  };
  const scoped = renderToStaticMarkup(
    <GradeCard
      grade={{ ...grade, scope: "Offline grader: reads for the rubric's points." }}
      provenance={offline}
      criteria={[]}
    />,
  );
  expect(scoped).toContain("Offline grader: reads for the rubric&#x27;s points.");
  const unscored = renderToStaticMarkup(
    <GradeCard
      grade={{
        ...grade,
        overall: null,
        criteria: [],
        flags: { injectionSuspected: false, nonEnglish: true },
      }}
      provenance={offline}
      criteria={[]}
    />,
  );
  expect(unscored).toContain("not assessed");
  expect(unscored).toContain("Not assessed by the offline grader");
  expect(unscored).not.toContain("<table");
});

// Issue 18: a pasted answer showed "735.8 words per minute". Typed answers show no pace; old rows still carry one.
test("a typed answer's insights show words and fillers but no pace, even when a stored grade has one", () => {
  const page = renderToStaticMarkup(
    <GradeCard
      grade={{
        ...grade,
        insights: {
          wordCount: 120,
          wordsPerMinute: 735.8,
          fillerWords: [{ word: "basically", count: 2 }],
          topWords: [],
          termsUsed: [],
        },
      }}
      provenance={provenance}
      criteria={[]}
    />,
  );
  expect(page).toContain("120 words");
  expect(page).toContain("filler: basically ×2");
  expect(page).not.toContain("735.8");
  expect(page).not.toMatch(/per minute|a minute/);
});
