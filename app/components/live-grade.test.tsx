import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test, vi } from "vitest";
import type { GradeProgress } from "~/grading/grade-answer.server";
import { initialLiveGrade, LiveCriteria, reduce } from "./live-grade";

vi.mock("./use-low-anxiety", () => ({ useLowAnxiety: () => false }));

const criteria = [
  { id: "resources-and-uris", name: "Resources and URIs" },
  { id: "trade-offs", name: "Trade-offs" },
];

const html = (events: GradeProgress[]) =>
  renderToStaticMarkup(
    <LiveCriteria state={events.reduce(reduce, initialLiveGrade)} criteria={criteria} />,
  );

describe("the streamed preview", () => {
  test("shows a criterion's rationale as soon as it is written, before its score", () => {
    const page = html([
      { type: "rationale", criterionId: "trade-offs", rationale: "Weighs GraphQL against REST." },
    ]);
    expect(page).toContain("Trade-offs");
    expect(page).toContain("Weighs GraphQL against REST.");
    expect(page).toContain("scoring…");
    expect(page).not.toContain("/ 5");
    expect(page).not.toContain("Resources and URIs");
  });

  test("then its score when it arrives, with the verified quote", () => {
    const page = html([
      { type: "rationale", criterionId: "trade-offs", rationale: "Weighs GraphQL against REST." },
      {
        type: "criterion",
        criterion: {
          criterionId: "trade-offs",
          score: 4,
          evidence: "GraphQL lets the client pick fields.",
          rationale: "Weighs GraphQL against REST.",
        },
      },
    ]);
    expect(page).toMatch(/Weighs GraphQL against REST\.<\/span>.*4 \/ 5/);
    expect(page).toContain('<q class="evidence">GraphQL lets the client pick fields.</q>');
    expect(page).not.toContain("scoring…");
  });

  test("lists criteria in rubric order, whatever order they stream in", () => {
    const page = html([
      { type: "rationale", criterionId: "trade-offs", rationale: "Second." },
      { type: "rationale", criterionId: "resources-and-uris", rationale: "First." },
    ]);
    expect(page.indexOf("First.")).toBeLessThan(page.indexOf("Second."));
  });

  test("a fallback discards everything previewed", () => {
    const state = [
      { type: "rationale", criterionId: "trade-offs", rationale: "Gone." },
      { type: "fallback", reason: "The model timed out after 60 s" },
    ].reduce((s, e) => reduce(s, e as GradeProgress), initialLiveGrade);
    expect(state.rationales).toEqual({});
    expect(state.fallback).toBe("The model timed out after 60 s");
  });
});
