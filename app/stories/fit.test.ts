import { describe, expect, test } from "vitest";
import { behaviouralQuestion } from "~/grading/llm/test-factories";
import { fitStory, questionsForStory, rankStories, type FitStory } from "./fit";

let n = 0;
function story(overrides: Partial<FitStory> = {}): FitStory {
  n += 1;
  return {
    id: `s${n}`,
    title: `Story ${n}`,
    situation: "Something happened at a company.",
    task: "I owned it.",
    action: "I did the work.",
    result: "It improved by 30%.",
    metric: "",
    competencies: [],
    skills: [],
    updatedAt: new Date(2026, 0, n),
    ...overrides,
  };
}

const incident = {
  ...behaviouralQuestion(),
  competencies: ["incident", "ownership", "communication"],
  skills: ["incident-response", "devops"],
};

describe("fit of one story", () => {
  test("gives the reason in words: competencies, then skills", () => {
    const fit = fitStory(
      story({ competencies: ["ownership", "incident", "conflict"], skills: ["devops"] }),
      incident,
    );
    expect(fit?.competencies).toEqual(["ownership", "incident"]);
    expect(fit?.reason).toMatch(/^Matches ownership, incident; skills: devops/);
  });

  test("a story sharing nothing with the question does not fit", () => {
    expect(
      fitStory(story({ competencies: ["mentoring"], skills: ["caching"] }), incident),
    ).toBeNull();
  });

  test("two shared content words are enough to fit, one is not", () => {
    const two = fitStory(story({ title: "The production incident at checkout" }), incident);
    expect(two?.words).toEqual(expect.arrayContaining(["production", "incident"]));
    expect(two?.reason).toMatch(/^Shares the words/);
    expect(fitStory(story({ title: "The production line" }), incident)).toBeNull();
  });

  test("an incomplete story says so in its reason", () => {
    const fit = fitStory(story({ competencies: ["incident"], result: "" }), incident);
    expect(fit?.complete).toBe(false);
    expect(fit?.reason).toMatch(/not complete yet$/);
  });
});

describe("ranking", () => {
  test("competency overlap beats skills, skills beat words", () => {
    const byWords = story({ title: "Production incident handled at checkout" });
    const bySkill = story({ skills: ["devops", "incident-response"] });
    const byCompetency = story({ competencies: ["incident"] });
    const ranked = rankStories([byWords, bySkill, byCompetency], incident).map((f) => f.storyId);
    expect(ranked).toEqual([byCompetency.id, bySkill.id, byWords.id]);
  });

  test("more competencies first; with the same overlap a complete story ranks above an incomplete one", () => {
    const two = story({ competencies: ["incident", "ownership"], result: "" });
    const oneComplete = story({ competencies: ["incident"], title: "The outage" });
    // Shares more words with the question, but is not ready to tell.
    const oneIncomplete = story({
      competencies: ["incident"],
      task: "",
      title: "Production incident that badly affected measurable sales",
    });
    const ranked = rankStories([oneIncomplete, oneComplete, two], incident).map((f) => f.storyId);
    expect(ranked).toEqual([two.id, oneComplete.id, oneIncomplete.id]);
  });

  test("ties go to the more recently edited story, and the limit keeps the best", () => {
    const older = story({ competencies: ["incident"], updatedAt: new Date(2025, 0, 1) });
    const newer = story({ competencies: ["incident"], updatedAt: new Date(2026, 5, 1) });
    const other = story({ skills: ["devops"] });
    expect(rankStories([older, other, newer], incident, 2).map((f) => f.storyId)).toEqual([
      newer.id,
      older.id,
    ]);
  });

  test("questions for a story: behavioural only, best fit first", () => {
    const s = story({ competencies: ["conflict"], skills: ["devops"] });
    const conflict = { ...incident, id: "conflict-q", competencies: ["conflict"], skills: [] };
    const concept = { ...incident, id: "concept-q", kind: "concept" as const };
    const ranked = questionsForStory(s, [concept, { ...incident, id: "incident-q" }, conflict]).map(
      (f) => f.question.id,
    );
    expect(ranked).toEqual(["conflict-q", "incident-q"]);
  });

  test("questions for a story: shared words alone count only when nothing asks for its competencies or skills", () => {
    const outage = story({
      situation: "Checkout started timing out while I was on call.",
      action: "I rolled back the deploy.",
      competencies: ["incident"],
    });
    const mentoring = {
      ...incident,
      id: "mentoring-q",
      prompt: "Where did they start? Shadowing on call, then you stepped back.",
      competencies: ["mentoring"],
      skills: [],
    };
    expect(fitStory(outage, mentoring)?.words.length).toBeGreaterThanOrEqual(2);
    const withIncident = questionsForStory(outage, [mentoring, { ...incident, id: "incident-q" }]);
    expect(withIncident.map((f) => f.question.id)).toEqual(["incident-q"]);
    // No question asks for what the story shows: the word matches are all there is, and are offered.
    const wordsOnly = questionsForStory({ ...outage, competencies: [] }, [mentoring]);
    expect(wordsOnly.map((f) => f.question.id)).toEqual(["mentoring-q"]);
  });
});
