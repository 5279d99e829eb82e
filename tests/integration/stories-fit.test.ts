import { count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { rounds } from "../../db/schema";
import { getDb } from "~/db.server";
import { findQuestion, getBank } from "~/question-bank/load-bank.server";
import { customQuestionId } from "~/question-bank/question-ids";
import { createPracticeRound } from "~/rounds/practice-round.server";
import {
  action as questionAction,
  loader as questionLoader,
} from "~/routes/rounds.$roundId.questions.$position._index/route";
import { loader as indexLoader } from "~/routes/stories._index/route";
import { action as deleteAction } from "~/routes/stories.$storyId.delete/route";
import { loader as viewLoader } from "~/routes/stories.$storyId._index/route";
import { loader as matrixLoader } from "~/routes/stories.matrix/route";
import {
  action as practiseAction,
  loader as practiseLoader,
} from "~/routes/stories.$storyId.practise/route";
import type { StorySuggestions } from "~/stories/suggestions.server";
import { OVERUSE_THRESHOLD } from "~/stories/story-usage";
import type { CoverageRow } from "~/stories/coverage";
import { createSignedInUser, get, post, run } from "../utils/routes";
import { refusalOf } from "../utils/replies";
import { startQuestion, STORY_ANSWER, type TestUser } from "../utils/review";
import { ownBehaviouralQuestion } from "../utils/questions";
import { linksOf, writeStory } from "../utils/stories";
import { addCustomQuestions } from "~/custom-questions/add-custom-questions.server";

/** Fit, usage and the "overused" mark against a real SQLite file, through the real routes. */

let alice: TestUser;
let bob: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

/** A one-question round on a named bank question, as "practise this question" makes. */
function roundOn(who: TestUser, questionId: string): string {
  const question = findQuestion(questionId);
  if (!question) throw new Error(`no ${questionId} in the bank`);
  return createPracticeRound(who.user.id, `Practise ${questionId}`, [question], "3-5").id;
}

async function answerPage(who: TestUser, roundId: string) {
  await startQuestion(who, roundId, 1);
  const outcome = await run(questionLoader, get(`/rounds/${roundId}/questions/1`, who.cookie), {
    roundId,
    position: "1",
  });
  expect(outcome.status).toBe(200);
  return outcome.data as {
    storySuggestions: StorySuggestions | null;
    answer: { id: string };
    question: { id: string };
  };
}

function tell(
  who: TestUser,
  roundId: string,
  storyId: string,
  intent = "tell-story",
  origin?: string,
) {
  return run(
    questionAction,
    post(`/rounds/${roundId}/questions/1`, { intent, storyId }, { cookie: who.cookie, origin }),
    {
      roundId,
      position: "1",
    },
  );
}

const roundCount = (userId: string) =>
  getDb().select({ n: count() }).from(rounds).where(eq(rounds.userId, userId)).get()!.n;

async function writeBank(who: TestUser) {
  return {
    incident: await writeStory(who, {
      title: "Checkout outage",
      competencies: ["incident", "ownership"],
      skills: ["devops"],
    }),
    conflict: await writeStory(who, {
      title: "Schema disagreement",
      situation: "A teammate wanted a document store for orders.",
      task: "I had to settle the design.",
      action: "I wrote both designs up and I ran a spike.",
      result: "We shipped on Postgres in 3 weeks.",
      metric: "",
      competencies: ["conflict"],
      skills: ["collaboration"],
    }),
    unrelated: await writeStory(who, {
      title: "Book club",
      situation: "Reading group.",
      task: "Organise.",
      action: "I booked rooms.",
      result: "Twelve people came.",
      metric: "",
      competencies: ["mentoring"],
      skills: [],
    }),
  };
}

describe("stories suggested before answering", () => {
  test("an incident story ranks first on production-incident, with the reason; unrelated and other users' stories are not offered", async () => {
    const mine = await writeBank(alice);
    await writeStory(bob, {
      title: "Bob's outage",
      competencies: ["incident", "ownership"],
      skills: ["devops"],
    });
    const page = await answerPage(alice, roundOn(alice, "production-incident"));
    const { suggestions, storyCount } = page.storySuggestions!;
    expect(storyCount).toBe(3);
    expect(suggestions[0]).toMatchObject({
      storyId: mine.incident,
      title: "Checkout outage",
      uses: 0,
      overused: false,
      telling: false,
      complete: true,
    });
    expect(suggestions[0]!.reason).toMatch(/^Matches incident, ownership; skills: devops/);
    const offered = suggestions.map((s) => s.storyId);
    expect(offered).not.toContain(mine.unrelated);
    expect(suggestions.map((s) => s.title)).not.toContain("Bob's outage");
  });

  test("the conflict story ranks first on technical-disagreement", async () => {
    const mine = await writeBank(alice);
    const { suggestions } = (await answerPage(alice, roundOn(alice, "technical-disagreement")))
      .storySuggestions!;
    expect(suggestions[0]?.storyId).toBe(mine.conflict);
    expect(suggestions[0]?.reason).toMatch(/Matches conflict/);
  });

  test("at most three stories are suggested, best first", async () => {
    for (const title of ["One", "Two", "Three", "Four"])
      await writeStory(alice, { title, competencies: ["incident"] });
    const best = await writeStory(alice, {
      title: "Best",
      competencies: ["incident", "ownership"],
    });
    const { suggestions } = (await answerPage(alice, roundOn(alice, "production-incident")))
      .storySuggestions!;
    expect(suggestions).toHaveLength(3);
    expect(suggestions[0]?.storyId).toBe(best);
  });

  test("no suggestions on a concept question, and an empty bank says so", async () => {
    await writeBank(alice);
    const concept = getBank().find((q) => q.kind === "concept")!;
    const round = createPracticeRound(alice.user.id, "Concept", [concept], "3-5");
    expect((await answerPage(alice, round.id)).storySuggestions).toBeNull();
    const empty = (await answerPage(bob, roundOn(bob, "production-incident"))).storySuggestions;
    expect(empty).toEqual({ suggestions: [], others: [], storyCount: 0 });
  });
});

describe("I'm telling this story", () => {
  test("links the story to the answer, counts as a use, and can be taken back", async () => {
    const { incident } = await writeBank(alice);
    const roundId = roundOn(alice, "production-incident");
    const { answer } = await answerPage(alice, roundId);
    const told = await tell(alice, roundId, incident);
    expect(told).toMatchObject({
      status: 200,
      data: { storyLinked: { storyId: incident, telling: true } },
    });
    expect(linksOf(incident)).toEqual([answer.id]);
    // Telling twice is still one link.
    await tell(alice, roundId, incident);
    expect(linksOf(incident)).toEqual([answer.id]);
    const after = (await answerPage(alice, roundId)).storySuggestions!.suggestions[0]!;
    expect(after).toMatchObject({ storyId: incident, telling: true, uses: 1 });
    const view = await run(viewLoader, get(`/stories/${incident}`, alice.cookie), {
      storyId: incident,
    });
    expect(view.data).toMatchObject({
      usage: { uses: 1 },
      answers: [
        {
          answerId: answer.id,
          roundId,
          position: 1,
          questionTitle: findQuestion("production-incident")!.title,
        },
      ],
    });

    expect((await tell(alice, roundId, incident, "untell-story")).status).toBe(200);
    expect(linksOf(incident)).toEqual([]);
  });

  test("a story told that is not among the suggestions is still listed, so it can be taken back", async () => {
    const { unrelated } = await writeBank(alice);
    const roundId = roundOn(alice, "production-incident");
    await answerPage(alice, roundId);
    await tell(alice, roundId, unrelated);
    expect((await answerPage(alice, roundId)).storySuggestions!.others).toEqual([
      { storyId: unrelated, title: "Book club" },
    ]);
  });

  test("another user's story is a 404, a missing story a 400, a cross-site post a 403: nothing linked", async () => {
    const { incident } = await writeBank(alice);
    const bobs = await writeStory(bob, { competencies: ["incident"] });
    const roundId = roundOn(alice, "production-incident");
    await answerPage(alice, roundId);
    expect((await tell(alice, roundId, bobs)).status).toBe(404);
    expect((await tell(alice, roundId, "")).status).toBe(400);
    expect((await tell(alice, roundId, "x".repeat(65))).status).toBe(400);
    expect(
      (await tell(alice, roundId, incident, "tell-story", "https://evil.example")).status,
    ).toBe(403);
    // Bob cannot tell a story in Alice's round either: her round is a 404 to him.
    expect((await tell(bob, roundId, bobs)).status).toBe(404);
    expect(linksOf(incident)).toEqual([]);
    expect(linksOf(bobs)).toEqual([]);
  });

  test("stories are not told in answers to concept questions", async () => {
    const { incident } = await writeBank(alice);
    const concept = getBank().find((q) => q.kind === "concept")!;
    const roundId = createPracticeRound(alice.user.id, "Concept", [concept], "3-5").id;
    await answerPage(alice, roundId);
    expect((await tell(alice, roundId, incident)).status).toBe(400);
    expect(linksOf(incident)).toEqual([]);
  });

  test(`a story told in ${OVERUSE_THRESHOLD} recent answers is marked overused; one told less is not`, async () => {
    const { incident, conflict } = await writeBank(alice);
    for (let i = 0; i < OVERUSE_THRESHOLD; i++) {
      const roundId = roundOn(alice, "production-incident");
      await answerPage(alice, roundId);
      await tell(alice, roundId, incident);
      if (i < OVERUSE_THRESHOLD - 1) await tell(alice, roundId, conflict);
    }
    const next = (await answerPage(alice, roundOn(alice, "production-incident"))).storySuggestions!;
    expect(next.suggestions.find((s) => s.storyId === incident)).toMatchObject({
      uses: OVERUSE_THRESHOLD,
      overused: true,
    });
    const list = await run(indexLoader, get("/stories", alice.cookie));
    const listed = (
      list.data as { stories: Array<{ id: string; uses: number; overused: boolean }> }
    ).stories;
    expect(listed.find((s) => s.id === incident)).toMatchObject({
      uses: OVERUSE_THRESHOLD,
      overused: true,
    });
    expect(listed.find((s) => s.id === conflict)).toMatchObject({
      uses: OVERUSE_THRESHOLD - 1,
      overused: false,
    });
  });

  test("deleting a story removes its links, never the answers", async () => {
    const { incident } = await writeBank(alice);
    const roundId = roundOn(alice, "production-incident");
    await answerPage(alice, roundId);
    await tell(alice, roundId, incident);
    await run(
      questionAction,
      post(
        `/rounds/${roundId}/questions/1`,
        { intent: "submit", answer: STORY_ANSWER },
        { cookie: alice.cookie },
      ),
      {
        roundId,
        position: "1",
      },
    );
    await run(
      deleteAction,
      post(`/stories/${incident}/delete`, { confirm: "delete" }, { cookie: alice.cookie }),
      { storyId: incident },
    );
    expect(linksOf(incident)).toEqual([]);
    const page = await answerPage(alice, roundId);
    expect(page.answer).toMatchObject({ text: STORY_ANSWER });
  });
});

/** Adds a behavioural question of `who`'s own on a competency no bank question names; returns its id. */
function addOwnBehaviouralQuestion(who: TestUser, slug: string, competencies: string[]): string {
  expect(addCustomQuestions(who.user.id, [ownBehaviouralQuestion(slug, competencies)])).toEqual({
    ok: true,
  });
  return customQuestionId(slug);
}

describe("practising a story", () => {
  test("starts a round of the behavioural questions it fits, best fit first", async () => {
    const { incident } = await writeBank(alice);
    const page = await run(practiseLoader, get(`/stories/${incident}/practise`, alice.cookie), {
      storyId: incident,
    });
    const questions = (page.data as { questions: Array<{ id: string }> }).questions;
    expect(questions[0]?.id).toBe("production-incident");
    expect(questions.length).toBeLessThanOrEqual(3);
    const outcome = await run(
      practiseAction,
      post(`/stories/${incident}/practise`, { intent: "practise" }, { cookie: alice.cookie }),
      { storyId: incident },
    );
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/^\/rounds\/[^/]+\/questions\/1$/);
    const roundId = outcome.location!.split("/")[2]!;
    const first = await answerPage(alice, roundId);
    expect(first.storySuggestions?.suggestions[0]?.storyId).toBe(incident);
    const round = getDb().select().from(rounds).where(eq(rounds.id, roundId)).get()!;
    expect(round).toMatchObject({
      userId: alice.user.id,
      title: "Practise a story: Checkout outage",
    });
  });

  test("one's own behavioural questions are practised too; another user's never are", async () => {
    const mine = addOwnBehaviouralQuestion(alice, "vendor-negotiation", ["negotiation"]);
    addOwnBehaviouralQuestion(bob, "bobs-negotiation", ["negotiation"]);
    const story = await writeStory(alice, {
      title: "Renegotiated the CDN contract",
      ownCompetencies: "negotiation",
      competencies: [],
    });
    const page = await run(practiseLoader, get(`/stories/${story}/practise`, alice.cookie), {
      storyId: story,
    });
    const ids = (page.data as { questions: Array<{ id: string }> }).questions.map((q) => q.id);
    expect(ids[0]).toBe(mine);
    expect(ids).not.toContain("custom-bobs-negotiation");
    const outcome = await run(
      practiseAction,
      post(`/stories/${story}/practise`, { intent: "practise" }, { cookie: alice.cookie }),
      { storyId: story },
    );
    expect(outcome.status).toBe(302);
    const roundId = outcome.location!.split("/")[2]!;
    const first = await answerPage(alice, roundId);
    expect(first.question.id).toBe(mine);
  });

  test("a story that fits no question, or a malformed post, starts no round", async () => {
    const loner = await writeStory(alice, {
      title: "Zzz",
      situation: "Qqq.",
      task: "Xxx.",
      action: "Yyy.",
      result: "Www 5.",
      metric: "",
      competencies: [],
      skills: [],
    });
    const nothing = await run(
      practiseAction,
      post(`/stories/${loner}/practise`, { intent: "practise" }, { cookie: alice.cookie }),
      { storyId: loner },
    );
    expect(nothing.status).toBe(400);
    expect(refusalOf(nothing.data).errors.form[0]).toMatch(/No behavioural question/);
    const { incident } = await writeBank(alice);
    for (const form of [{}, { intent: "delete" }] as Array<Record<string, string>>) {
      const bad = await run(
        practiseAction,
        post(`/stories/${incident}/practise`, form, { cookie: alice.cookie }),
        { storyId: incident },
      );
      expect(bad.status).toBe(400);
    }
    expect(roundCount(alice.user.id)).toBe(0);
  });
});

describe("coverage matrix", () => {
  test("marks the competencies each story covers and links each gap to a behavioural question that exercises it", async () => {
    const mine = await writeBank(alice);
    await writeStory(alice, { title: "Own one", ownCompetencies: "on-call", competencies: [] });
    await writeStory(bob, { title: "Bob's", competencies: ["ambiguity"] });
    const outcome = await run(matrixLoader, get("/stories/matrix", alice.cookie));
    const { rows, stories } = outcome.data as {
      rows: CoverageRow[];
      stories: Array<{ id: string; title: string }>;
    };
    expect(stories).toHaveLength(4);
    expect(rows.find((r) => r.competency === "incident")).toMatchObject({
      storyIds: [mine.incident],
      practice: null,
    });
    expect(rows.find((r) => r.competency === "on-call")).toMatchObject({
      standard: false,
      storyIds: [expect.any(String)],
    });
    // Bob's ambiguity story covers nothing of Alice's.
    const ambiguity = rows.find((r) => r.competency === "ambiguity")!;
    expect(ambiguity.storyIds).toEqual([]);
    for (const gap of rows.filter((r) => r.storyIds.length === 0)) {
      const exercising = getBank().filter(
        (q) => q.kind === "behavioural" && q.competencies.includes(gap.competency),
      );
      if (exercising.length === 0) expect(gap.practice).toBeNull();
      else expect(exercising.map((q) => q.id)).toContain(gap.practice?.id);
    }
    // failure-and-lesson exercises failure: a gap for Alice, linked to a real question.
    expect(rows.find((r) => r.competency === "failure")?.practice).not.toBeNull();
  });

  test("a competency only one's own question names is a gap linked to that question; another user's adds no row", async () => {
    const mine = addOwnBehaviouralQuestion(alice, "vendor-negotiation", ["negotiation"]);
    addOwnBehaviouralQuestion(bob, "bobs-budget", ["budgeting"]);
    const outcome = await run(matrixLoader, get("/stories/matrix", alice.cookie));
    const { rows } = outcome.data as { rows: CoverageRow[] };
    expect(rows.find((r) => r.competency === "negotiation")).toMatchObject({
      standard: false,
      storyIds: [],
      practice: { id: mine, title: "Tell me about vendor negotiation" },
    });
    expect(rows.find((r) => r.competency === "budgeting")).toBeUndefined();
    const bobs = await run(matrixLoader, get("/stories/matrix", bob.cookie));
    expect(
      (bobs.data as { rows: CoverageRow[] }).rows.find((r) => r.competency === "negotiation"),
    ).toBeUndefined();
  });
});
