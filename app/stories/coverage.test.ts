import { describe, expect, test } from "vitest";
import { behaviouralQuestion, restQuestion } from "~/grading/llm/test-factories";
import { coverageMatrix, questionFor } from "./coverage";
import { STANDARD_COMPETENCIES } from "./story-limits";

const q = (
  id: string,
  competencies: string[],
  kind: "behavioural" | "concept" = "behavioural",
) => ({
  ...(kind === "behavioural" ? behaviouralQuestion() : restQuestion()),
  id,
  title: `Question ${id}`,
  kind,
  competencies,
});

const bank = [
  q("broad", ["mentoring", "leadership", "conflict"]),
  q("focused", ["leadership"]),
  q("concept-with-tag", ["failure"], "concept"),
  q("failure-late", ["ownership", "failure"]),
];

describe("coverage matrix", () => {
  test("rows are the standard competencies, then the user's own, alphabetically; cells list the covering stories", () => {
    const rows = coverageMatrix(
      [
        { id: "s1", title: "Outage", competencies: ["incident", "zeta-own"] },
        { id: "s2", title: "Mentor", competencies: ["mentoring", "incident", "alpha-own"] },
      ],
      bank,
    );
    expect(rows.map((r) => r.competency)).toEqual([
      ...STANDARD_COMPETENCIES,
      "alpha-own",
      "zeta-own",
    ]);
    expect(rows.find((r) => r.competency === "incident")).toMatchObject({
      storyIds: ["s1", "s2"],
      practice: null,
      standard: true,
    });
    expect(rows.find((r) => r.competency === "zeta-own")).toMatchObject({
      storyIds: ["s1"],
      standard: false,
    });
  });

  test("a gap links to the behavioural question that lists it first and most narrowly", () => {
    const rows = coverageMatrix([], bank);
    expect(rows.find((r) => r.competency === "leadership")?.practice).toEqual({
      id: "focused",
      title: "Question focused",
    });
    expect(rows.find((r) => r.competency === "mentoring")?.practice?.id).toBe("broad");
    // Concept questions never exercise a competency.
    expect(rows.find((r) => r.competency === "failure")?.practice?.id).toBe("failure-late");
  });

  test("a gap no question exercises says so (practice is null)", () => {
    expect(practiceFor("ambiguity")).toBeNull();
    expect(questionFor("ambiguity", bank)).toBeNull();
  });
});

function practiceFor(competency: string) {
  return coverageMatrix([], bank).find((r) => r.competency === competency)!.practice;
}
