import { beforeEach, describe, expect, test } from "vitest";
import { latestGrades } from "~/grading/grades.server";
import { findQuestion, getBank } from "~/question-bank/load-bank.server";
import { createPracticeRound } from "~/rounds/practice-round.server";
import {
  action as questionAction,
  loader as questionLoader,
} from "~/routes/rounds.$roundId.questions.$position._index/route";
import { loader as exportLoader } from "~/routes/stories.export[.md]/route";
import { loader as viewLoader } from "~/routes/stories.$storyId._index/route";
import { action as newAction, loader as newLoader } from "~/routes/stories.new/route";
import { createSignedInUser, get, post, run } from "../utils/routes";
import { GOOD_ANSWER, startQuestion, STORY_ANSWER, type TestUser } from "../utils/review";
import { linksOf, STORY_FORM, storyCount, writeStory } from "../utils/stories";

/** "Save as story" from a graded behavioural answer, and the Markdown export. */

let alice: TestUser;
let bob: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

const NO_RESULT =
  "Last year at my previous company our payments service went down during Black Friday. " +
  "I was the on-call engineer, so I was responsible for getting it back. " +
  "I checked the dashboards and I added PgBouncer.";

// Tells its task in words the grader's STAR reading does not take for one.
const ON_CALL =
  "Two months after I joined, the team's release process kept breaking on Fridays. " +
  "It was on me to make releases boring again. " +
  "It worked: we have not had a failed Friday release since then. " +
  "Along the way I wrote a checklist and I moved the deploy to Tuesday mornings.";

/** Answers one question of a new round through the answer page; returns the answer's id. */
async function answer(who: TestUser, questionId: string, text: string | null): Promise<string> {
  const question = findQuestion(questionId) ?? getBank().find((q) => q.kind === questionId)!;
  const roundId = createPracticeRound(who.user.id, "Round", [question], "3-5").id;
  const path = `/rounds/${roundId}/questions/1`;
  await startQuestion(who, roundId, 1);
  const page = await run(questionLoader, get(path, who.cookie), { roundId, position: "1" });
  if (text !== null) {
    const submitted = await run(
      questionAction,
      post(path, { intent: "submit", answer: text }, { cookie: who.cookie }),
      { roundId, position: "1" },
    );
    expect(submitted.status).toBe(302);
  }
  return (page.data as { answer: { id: string } }).answer.id;
}

const prefill = (who: TestUser, answerId: string) =>
  run(newLoader, get(`/stories/new?answer=${encodeURIComponent(answerId)}`, who.cookie));

describe("saving an answer as a story", () => {
  test("the form is pre-filled from the answer's own words, title and metric included; saving links the story to the answer", async () => {
    const answerId = await answer(alice, "production-incident", STORY_ANSWER);
    const page = await prefill(alice, answerId);
    expect(page.status).toBe(200);
    const { values, source } = page.data as {
      values: Record<string, string | string[]>;
      source: { answerText: string; star: unknown };
    };
    const question = findQuestion("production-incident")!;
    expect(values).toMatchObject({
      // The story's own subject, not the question's title.
      title: "Checkout API started failing at 2am",
      situation: "our checkout API started failing at 2am and the error rate hit 18%.",
      task: "I was on call and owned the recovery.",
      action: "I rolled back the deploy, added a canary check and wrote the postmortem.",
      result: "errors fell under 0.5% within 12 minutes.",
      metric: "errors fell under 0.5% within 12 minutes",
      competencies: question.competencies,
      answerId,
    });
    expect(source.answerText).toBe(STORY_ANSWER);
    expect(source.star).toEqual({
      present: ["situation", "task", "action", "result"],
      missing: [],
    });

    // The user edits the title and saves: the story is linked to the answer it came from.
    const saved = await run(
      newAction,
      post(
        "/stories/new",
        { ...values, title: "2am checkout outage", ownCompetencies: "" },
        { cookie: alice.cookie },
      ),
    );
    expect(saved.status).toBe(302);
    const storyId = saved.location!.split("/")[2]!.split("?")[0]!;
    expect(linksOf(storyId)).toEqual([answerId]);
    const view = await run(viewLoader, get(`/stories/${storyId}`, alice.cookie), { storyId });
    expect(view.data).toMatchObject({
      story: { title: "2am checkout outage" },
      usage: { uses: 1 },
      answers: [{ answerId }],
    });
  });

  test("a part the answer does not tell is left empty; one it tells is filled even if the grader missed it", async () => {
    const answerId = await answer(alice, "production-incident", NO_RESULT);
    const { values } = (await prefill(alice, answerId)).data as { values: Record<string, string> };
    expect(values).toMatchObject({
      title: "Payments service went down during Black Friday",
      task: "I was the on-call engineer, so I was responsible for getting it back.",
      action: "I checked the dashboards and I added PgBouncer.",
      result: "",
      metric: "",
    });

    const onCall = await answer(alice, "production-incident", ON_CALL);
    expect(latestGrades([onCall]).get(onCall)!.grade.star!.missing).toContain("task");
    const filled = (await prefill(alice, onCall)).data as { values: Record<string, string> };
    expect(filled.values).toMatchObject({
      task: "It was on me to make releases boring again.",
      action: "Along the way I wrote a checklist and I moved the deploy to Tuesday mornings.",
      result: "It worked: we have not had a failed Friday release since then.",
    });
  });

  test("another user's answer, an unknown or over-long id: 404 on the form and on saving, nothing saved", async () => {
    const bobsAnswer = await answer(bob, "production-incident", STORY_ANSWER);
    for (const id of [bobsAnswer, "00000000-0000-0000-0000-000000000000", "x".repeat(300)]) {
      expect((await prefill(alice, id)).status).toBe(404);
      const saved = await run(
        newAction,
        post("/stories/new", { ...STORY_FORM, answerId: id }, { cookie: alice.cookie }),
      );
      // An id longer than any id is malformed input (400); a well-formed one that is not Alice's is a 404.
      expect(saved.status).toBe(id.length > 64 ? 400 : 404);
    }
    expect(storyCount(alice.user.id)).toBe(0);
    expect(storyCount(bob.user.id)).toBe(0);
  });

  test("an answer to a concept question, or one not graded yet, is a 400 that says why", async () => {
    const concept = await answer(alice, "concept", GOOD_ANSWER);
    const page = await prefill(alice, concept);
    expect(page.status).toBe(400);
    expect(page.data).toMatch(/behavioural/);
    expect(
      (
        await run(
          newAction,
          post("/stories/new", { ...STORY_FORM, answerId: concept }, { cookie: alice.cookie }),
        )
      ).status,
    ).toBe(400);

    const open = await answer(alice, "production-incident", null);
    const unsubmitted = await prefill(alice, open);
    expect(unsubmitted.status).toBe(400);
    expect(unsubmitted.data).toMatch(/graded/);
    expect(storyCount(alice.user.id)).toBe(0);
  });

  test("a rejected save keeps the answer link in the values; a cross-site save is refused", async () => {
    const answerId = await answer(alice, "production-incident", STORY_ANSWER);
    const rejected = await run(
      newAction,
      post("/stories/new", { ...STORY_FORM, title: " ", answerId }, { cookie: alice.cookie }),
    );
    expect(rejected.status).toBe(400);
    expect((rejected.data as { initialValue: Record<string, string> }).initialValue.answerId).toBe(
      answerId,
    );
    const forged = await run(
      newAction,
      post(
        "/stories/new",
        { ...STORY_FORM, answerId },
        { cookie: alice.cookie, origin: "https://evil.example" },
      ),
    );
    expect(forged.status).toBe(403);
    expect(storyCount(alice.user.id)).toBe(0);
  });
});

describe("exporting the story bank", () => {
  test("downloads your stories as Markdown, one section per story with STAR headings", async () => {
    await writeStory(alice, { title: "Checkout outage" });
    await writeStory(alice, { title: "Mentoring a junior", result: "" });
    await writeStory(bob, { title: "Bob's secret story" });
    const outcome = await run(exportLoader, get("/stories/export.md", alice.cookie));
    expect(outcome.status).toBe(200);
    expect(outcome.headers.get("Content-Type")).toBe("text/markdown; charset=utf-8");
    expect(outcome.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="rehearse-stories-\d{4}-\d{2}-\d{2}\.md"$/,
    );
    expect(outcome.headers.get("Cache-Control")).toBe("private, no-store");
    const md = outcome.data as string;
    expect(md.match(/^## \d+\. /gm)).toHaveLength(2);
    expect(md).toContain("Checkout outage");
    expect(md).toContain("Mentoring a junior");
    expect(md).not.toContain("Bob's secret story");
    for (const heading of ["Situation", "Task", "Action", "Result"])
      expect(md.match(new RegExp(`^### ${heading}$`, "gm"))).toHaveLength(2);
  });

  test("a story's text cannot forge Markdown structure", async () => {
    await writeStory(alice, {
      title: "# Not a heading",
      situation: "## Injected\n[link](https://evil.example)\n<img src=x onerror=alert(1)>",
    });
    const md = (await run(exportLoader, get("/stories/export.md", alice.cookie))).data as string;
    expect(md).not.toMatch(/^#+ Injected/m);
    expect(md).not.toMatch(/^# Not a heading/m);
    expect(md).toContain("\\[link\\](https://evil.example)");
    expect(md).toContain("\\<img src=x onerror=alert(1)\\>");
  });

  test("signed out: sent to log in", async () => {
    const outcome = await run(exportLoader, get("/stories/export.md"));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/^\/login/);
  });
});
