import { expect, test } from "vitest";
import { dateFormat } from "~/dates/format";
import type { Grade } from "~/grading/grade-schema";
import type { QuestionView } from "~/grading/round-grades.server";
import { roundToMarkdown } from "./round-markdown";

const grade: Grade = {
  overall: 3,
  criteria: [],
  strengths: [],
  improvements: [],
  star: null,
  probes: [],
  flags: { injectionSuspected: false, nonEnglish: false },
  insights: {
    wordCount: 120,
    wordsPerMinute: 735.8,
    fillerWords: [{ word: "basically", count: 2 }],
    topWords: [],
    termsUsed: [],
  },
};

const created = new Date("2026-01-02T10:00:00Z");

// Only the fields roundToMarkdown reads; the rest of a stored answer does not matter here.
const question = {
  roundQuestion: {
    position: 1,
    question: {
      title: "REST",
      prompt: "What is REST?",
      rubric: [],
      examples: { strong: "A strong answer." },
    },
  },
  main: {
    slot: 0,
    text: "Typed answer.",
    submittedAt: new Date(created.getTime() + 10_000),
    startedAt: created,
    deadlineAt: new Date(created.getTime() + 300_000),
    secondsAllowed: 300,
    timedOut: false,
    skipped: false,
    grade: { grade },
  },
  followUps: [],
} as unknown as QuestionView;

// Issue 18: typed answers show no pace; a stored grade from before still parses and keeps its other insights.
test("the round's Markdown shows a typed answer's words and fillers but no pace", () => {
  const markdown = roundToMarkdown(
    { title: "Round", band: "3-5", createdAt: created, finishedAt: created },
    [question],
    false,
    dateFormat(),
  );
  expect(markdown).toContain("_120 words · filler: basically ×2_");
  expect(markdown).not.toContain("735.8");
  expect(markdown).not.toMatch(/per minute/);
});
