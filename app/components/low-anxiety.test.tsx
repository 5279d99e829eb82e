import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, test, vi } from "vitest";
import type { Grade } from "~/grading/grade-schema";
import { OFFLINE_PROVENANCE } from "~/grading/test-provenance";
import type { SkillReadiness } from "~/review/readiness";
import { GapList } from "~/routes/readiness/gap-list";
import { GradeCard } from "./grade-card";
import { initialLiveGrade, LiveCriteria, reduce } from "./live-grade";
import { ReadinessHint } from "~/routes/readiness/readiness-hint";
import { SkillMatrixForm } from "~/routes/readiness/skill-matrix-form";

vi.mock("./use-low-anxiety", () => ({ useLowAnxiety: () => true }));
vi.mock("@remix-run/react", () => ({
  Form: ({ children }: { children: ReactNode }) => <form>{children}</form>,
}));

/** A score as a number in any of the ways the app or a grader writes one. */
const SCORE_NUMBER =
  /\b[1-5](?:\.\d)?\s*(?:\/|out of)\s*5\b|Capped from \d|\b[1-5]\s*(?:—|-)\s*[1-5]?\b/;

const grade: Grade = {
  overall: 3.5,
  criteria: [
    {
      criterionId: "requests",
      score: 3,
      evidence: "GET reads and POST creates.",
      rationale: "Requests, responses and methods (3/5): Explained GET and POST.",
      quotes: [],
      spread: null,
      cappedFrom: null,
    },
    {
      criterionId: "trade-offs",
      score: 2,
      evidence: null,
      rationale: "Thin. (Capped from 5 to 2: no quote from the answer supports it.)",
      quotes: [],
      spread: 0,
      cappedFrom: 5,
    },
  ],
  strengths: ["Requests, responses and methods: explained GET and POST"],
  improvements: ["Trade-offs (2/5): add depth: a concrete example, a number you measured."],
  star: null,
  probes: [],
  flags: { injectionSuspected: false, nonEnglish: false },
  insights: null,
};
const criteria = [
  { id: "requests", name: "Requests, responses and methods" },
  { id: "trade-offs", name: "Trade-offs" },
];

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

test("the grade card: words for every score, the grader's sentences without their numbers", () => {
  const page = text(
    renderToStaticMarkup(
      <GradeCard grade={grade} provenance={OFFLINE_PROVENANCE} criteria={criteria} />,
    ),
  );
  expect(page).not.toMatch(SCORE_NUMBER);
  // The rationale's "Name (3/5):" lead-in goes: the criterion's row names it, in words.
  expect(page).toContain("Explained GET and POST.");
  expect(page).not.toContain("(3/5)");
  // The improvement joins its criterion's row, without its number.
  expect(page).toContain("Add depth: a concrete example");
  expect(page).not.toContain("(2/5)");
  // 3.5 is good, not strong.
  expect(page).toMatch(/Overall Good/);
});

test("the streamed preview: the rationale as it arrives, without its number", () => {
  const state = [
    { type: "rationale", criterionId: "requests", rationale: grade.criteria[0]!.rationale },
    { type: "criterion", criterion: grade.criteria[0]! },
  ] as const;
  const page = text(
    renderToStaticMarkup(
      <LiveCriteria state={state.reduce(reduce, initialLiveGrade)} criteria={criteria} />,
    ),
  );
  expect(page).not.toMatch(SCORE_NUMBER);
  expect(page).toContain("Explained GET and POST.");
});

const skill = (over: Partial<SkillReadiness>): SkillReadiness => ({
  skill: "rest-api",
  frequency: 7,
  self: null,
  measured: null,
  attempts: 0,
  gap: null,
  overrated: false,
  ...over,
});

test("readiness: where you stand in a sentence, your own rating in words, no scale", () => {
  const gaps = [
    skill({ skill: "rest-api", self: 3, measured: 1.2, attempts: 2, gap: 2.8, overrated: true }),
    skill({ skill: "databases", measured: 2.4, attempts: 1, gap: 1.6 }),
    skill({ skill: "caching", self: 2, gap: 2 }),
  ];
  const page = text(
    renderToStaticMarkup(
      <>
        <ReadinessHint />
        <GapList gaps={gaps} />
        <SkillMatrixForm matrix={gaps} />
      </>,
    ),
  );
  expect(page).not.toMatch(SCORE_NUMBER);
  expect(page).not.toMatch(/measure Early days|rate it \d|\(1-5\)|ready at 4/);
  expect(page).toContain(
    "You rate it “use it at work”; your answers so far are at an early stage.",
  );
  expect(page).toContain("Your answers so far are still developing.");
  expect(page).toContain("You rate it “used it a little”; no graded answers yet.");
  expect(page).toContain("could teach it");
});

test("no gaps: ready is described in words", () => {
  const page = text(renderToStaticMarkup(<GapList gaps={[]} />));
  expect(page).not.toMatch(/\d/);
  expect(page).toContain("Good");
});
