import type { LoaderFunctionArgs } from "@remix-run/node";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { answers, roundQuestions } from "../../db/schema";
import { getDb } from "~/db.server";
import { findQuestion } from "~/question-bank/load-bank.server";
import { customQuestionId } from "~/question-bank/question-ids";
import { createPracticeRound } from "~/rounds/practice-round.server";
import { action as newQuestionAction } from "~/routes/questions.new/route";
import { action as browseAction } from "~/routes/questions._index/route";
import { loader as exportLoader } from "~/routes/questions.export/route";
import { action as newStoryAction, loader as newStoryLoader } from "~/routes/stories.new/route";
import { action as followUpAction } from "~/routes/rounds.$roundId.questions.$position.follow-ups.$slot/route";
import {
  action as questionAction,
  loader as questionLoader,
} from "~/routes/rounds.$roundId.questions.$position._index/route";
import { action as draftAction } from "~/routes/rounds.$roundId.questions.$position.draft/route";
import { action as recordingAction } from "~/routes/rounds.$roundId.questions.$position.recording/route";
import { ownQuestion, questionForm } from "../utils/questions";
import { createSignedInUser, get, importRoute, post, routeNames, run } from "../utils/routes";
import {
  GOOD_ANSWER,
  openQuestion,
  startQuestion,
  STORY_ANSWER,
  takeRound,
  type TestUser,
} from "../utils/review";
import { linksOf, STORY_FORM, writeStory } from "../utils/stories";

/**
 * Every route with an id in its path, called as Bob with Alice's real ids:
 * each loader and action answers 404 and changes nothing of Alice's. The
 * table below must name every such route file; a new one fails the test until
 * it has rows here.
 */

let alice: TestUser;
let bob: TestUser;
/**
 * Alice's ids: a finished round with grades and an answered follow-up, a round
 * with an open draft, a graded behavioural answer saved as a story (so linked
 * to it), and a question of her own. Bob's: an open behavioural answer and a
 * story, to post Alice's ids from his own pages.
 */
const ids = {
  doneRound: "",
  openRound: "",
  questionId: "",
  privateQuestionId: "alice-only-question",
  storyRound: "",
  storyAnswer: "",
  story: "",
  slug: "alice-secret-kafka",
  bobRound: "",
  bobGradedAnswer: "",
  bobOpenRound: "",
  bobStory: "",
};
const ALICE_DRAFT = "Alice's unfinished draft about idempotency keys";
const ALICE_PROBE_ANSWER = "Alice's follow-up answer: a ledger keyed by the request token.";
const ALICE_STORY_TITLE = "Alice's private outage story";
const ALICE_QUESTION_TITLE = "Alice's private question about Kafka consumer lag";

/** The main answer of a round's question, as stored. */
function mainAnswerId(roundId: string, position: number): string {
  return getDb()
    .select({ id: answers.id })
    .from(answers)
    .innerJoin(roundQuestions, eq(roundQuestions.id, answers.roundQuestionId))
    .where(
      and(
        eq(roundQuestions.roundId, roundId),
        eq(roundQuestions.position, position),
        eq(answers.slot, 0),
      ),
    )
    .get()!.id;
}

/** A one-question round on the bank's production-incident question, opened (its clock started) but not answered. */
async function openBehaviouralRound(who: TestUser): Promise<string> {
  const roundId = createPracticeRound(
    who.user.id,
    "Behavioural",
    [findQuestion("production-incident")!],
    "3-5",
  ).id;
  const opened = await openQuestion(who, roundId, 1);
  expect(opened.status).toBe(200);
  return roundId;
}

beforeAll(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
  const bobRound = await takeRound(bob, {
    count: 1,
    kinds: ["behavioural"],
    answers: [STORY_ANSWER],
  });

  ids.doneRound = await takeRound(alice, { count: 2 });
  const probe = `/rounds/${ids.doneRound}/questions/1/follow-ups/1`;
  const probeParams = { roundId: ids.doneRound, position: "1", slot: "1" };
  await startQuestion(alice, ids.doneRound, 1, 1);
  const submitted = await run(
    followUpAction,
    post(probe, { intent: "submit", answer: ALICE_PROBE_ANSWER }, { cookie: alice.cookie }),
    probeParams,
  );
  expect(submitted.status).toBe(302);
  ids.questionId = getDb()
    .select({ id: roundQuestions.questionId })
    .from(roundQuestions)
    .where(and(eq(roundQuestions.roundId, ids.doneRound), eq(roundQuestions.position, 1)))
    .get()!.id;

  // Two questions, the first opened with a saved draft, the second never opened.
  ids.openRound = await takeRound(alice, { count: 2, answers: [] });
  const open = `/rounds/${ids.openRound}/questions/1`;
  const openParams = { roundId: ids.openRound, position: "1" };
  await startQuestion(alice, ids.openRound, 1);
  const saved = await run(
    draftAction,
    post(`${open}/draft?slot=0`, { answer: ALICE_DRAFT }, { cookie: alice.cookie }),
    openParams,
  );
  expect(saved.status).toBe(200);
  // And a spoken answer to it (a WebM file by its first bytes).
  const recorded = await run(
    recordingAction,
    new Request(`http://localhost:3000${open}/recording?slot=0`, {
      method: "POST",
      body: new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3, 4]),
      headers: {
        Cookie: alice.cookie,
        Origin: "http://localhost:3000",
        "Content-Type": "audio/webm",
      },
    }),
    openParams,
  );
  expect(recorded.status).toBe(201);

  // A question only Alice was ever asked (one since removed from the bank, or her own).
  const privateRound = await takeRound(alice, { count: 1 });
  const row = getDb()
    .select()
    .from(roundQuestions)
    .where(eq(roundQuestions.roundId, privateRound))
    .get()!;
  getDb()
    .update(roundQuestions)
    .set({
      questionId: ids.privateQuestionId,
      question: { ...row.question, id: ids.privateQuestionId },
    })
    .where(eq(roundQuestions.id, row.id))
    .run();

  // A graded behavioural answer of Alice's, saved as a story: the story is linked to it.
  ids.storyRound = await takeRound(alice, {
    count: 1,
    kinds: ["behavioural"],
    answers: [STORY_ANSWER],
  });
  ids.storyAnswer = mainAnswerId(ids.storyRound, 1);
  ids.story = await writeStory(alice, { title: ALICE_STORY_TITLE, answerId: ids.storyAnswer });
  expect(linksOf(ids.story)).toEqual([ids.storyAnswer]);

  // A question of her own.
  const created = await run(
    newQuestionAction,
    post("/questions/new", questionForm(ownQuestion(ids.slug, { title: ALICE_QUESTION_TITLE })), {
      cookie: alice.cookie,
    }),
  );
  expect(created.status, JSON.stringify(created.data)).toBe(302);

  // Bob's own: a graded behavioural answer, an open one, and a story.
  ids.bobRound = bobRound;
  ids.bobGradedAnswer = mainAnswerId(bobRound, 1);
  ids.bobOpenRound = await openBehaviouralRound(bob);
  ids.bobStory = await writeStory(bob, { title: "Bob's own story" });
});

/** Everything stored for one user, as rows: compared before and after Bob's requests. */
function everythingOf(userId: string) {
  const db = getDb();
  const rows = (query: ReturnType<typeof sql>) => db.all(query);
  const mine = sql`select id from rounds where user_id = ${userId}`;
  const theirQuestions = sql`select id from round_questions where round_id in (${mine})`;
  const theirAnswers = sql`select id from answers where round_question_id in (${theirQuestions})`;
  const theirGrades = sql`select id from grades where answer_id in (${theirAnswers})`;
  return {
    rounds: rows(sql`select * from rounds where user_id = ${userId} order by id`),
    roundQuestions: rows(
      sql`select * from round_questions where id in (${theirQuestions}) order by id`,
    ),
    answers: rows(sql`select * from answers where id in (${theirAnswers}) order by id`),
    grades: rows(sql`select * from grades where id in (${theirGrades}) order by id`),
    criterionScores: rows(
      sql`select * from criterion_scores where grade_id in (${theirGrades}) order by grade_id, position`,
    ),
    sessions: rows(sql`select * from sessions where user_id = ${userId} order by id`),
    preferences: rows(sql`select * from user_preferences where user_id = ${userId}`),
    selfScores: rows(sql`select * from skill_self_scores where user_id = ${userId} order by skill`),
    stories: rows(sql`select * from stories where user_id = ${userId} order by id`),
    storyAnswers: rows(
      sql`select * from story_answers where story_id in (select id from stories where user_id = ${userId})
          or answer_id in (${theirAnswers}) order by story_id, answer_id`,
    ),
    customQuestions: rows(
      sql`select * from custom_questions where user_id = ${userId} order by id`,
    ),
    recordings: rows(
      sql`select answer_id, bytes, status, transcript, updated_at, hex(audio) as audio from recordings
          where answer_id in (${theirAnswers}) order by answer_id`,
    ),
  };
}

type Kind = "loader" | "action";
interface Case {
  name: string;
  kind: Kind;
  /** The request path with Alice's ids. */
  url: () => string;
  params: () => Record<string, string>;
  /** A posted form (actions), built when posted as it may hold ids made in beforeAll; absent for loaders. */
  form?: () => Form;
}
type Form = Record<string, string | string[]>;

const done = () => ids.doneRound;
const open = () => ids.openRound;
const loader = (name: string, url: () => string, params: () => Record<string, string>): Case => ({
  name,
  kind: "loader",
  url,
  params,
});
const action = (
  name: string,
  url: () => string,
  params: () => Record<string, string>,
  form: Form | (() => Form),
): Case => ({
  name,
  kind: "action",
  url,
  params,
  form: typeof form === "function" ? form : () => form,
});

const answerIntents = (where: string, url: () => string, params: () => Record<string, string>) => [
  action(`submit ${where}`, url, params, { intent: "submit", answer: "Bob was here" }),
  action(`grade ${where}`, url, params, { intent: "grade" }),
  action(`re-grade ${where}`, url, params, { intent: "regrade" }),
];

/** Route file -> the requests Bob makes with Alice's ids. Each must be a 404. */
const TABLE: Record<string, Case[]> = {
  "rounds.$roundId._index": [
    loader(
      "resume Alice's round",
      () => `/rounds/${done()}`,
      () => ({ roundId: done() }),
    ),
    loader(
      "resume Alice's open round",
      () => `/rounds/${open()}`,
      () => ({ roundId: open() }),
    ),
  ],
  "rounds.$roundId.report": [
    loader(
      "Alice's report",
      () => `/rounds/${done()}/report`,
      () => ({ roundId: done() }),
    ),
    loader(
      "Alice's unfinished report",
      () => `/rounds/${open()}/report`,
      () => ({ roundId: open() }),
    ),
  ],
  "rounds.$roundId.export[.md]": [
    loader(
      "Alice's Markdown export",
      () => `/rounds/${done()}/export.md`,
      () => ({ roundId: done() }),
    ),
  ],
  "rounds.$roundId.delete": [
    loader(
      "the delete page of Alice's round",
      () => `/rounds/${done()}/delete`,
      () => ({ roundId: done() }),
    ),
    action(
      "delete Alice's round",
      () => `/rounds/${done()}/delete`,
      () => ({ roundId: done() }),
      { confirm: "delete" },
    ),
  ],
  "rounds.$roundId.questions.$position._index": [
    loader(
      "Alice's answered question",
      () => `/rounds/${done()}/questions/1`,
      () => ({ roundId: done(), position: "1" }),
    ),
    loader(
      "Alice's open question",
      () => `/rounds/${open()}/questions/1`,
      () => ({ roundId: open(), position: "1" }),
    ),
    // Opening it would start Alice's clock: it must not.
    loader(
      "Alice's unopened question",
      () => `/rounds/${open()}/questions/2`,
      () => ({ roundId: open(), position: "2" }),
    ),
    ...answerIntents(
      "Alice's open answer",
      () => `/rounds/${open()}/questions/1`,
      () => ({ roundId: open(), position: "1" }),
    ),
    ...answerIntents(
      "Alice's graded answer",
      () => `/rounds/${done()}/questions/2`,
      () => ({ roundId: done(), position: "2" }),
    ),
    action(
      "tell Bob's story in Alice's behavioural answer",
      () => `/rounds/${ids.storyRound}/questions/1`,
      () => ({ roundId: ids.storyRound, position: "1" }),
      () => ({ intent: "tell-story", storyId: ids.bobStory }),
    ),
    action(
      "take Alice's story back out of Alice's answer",
      () => `/rounds/${ids.storyRound}/questions/1`,
      () => ({ roundId: ids.storyRound, position: "1" }),
      () => ({ intent: "untell-story", storyId: ids.story }),
    ),
  ],
  "rounds.$roundId.questions.$position.follow-ups.$slot": [
    loader(
      "Alice's answered follow-up",
      () => `/rounds/${done()}/questions/1/follow-ups/1`,
      () => ({ roundId: done(), position: "1", slot: "1" }),
    ),
    loader(
      "Alice's unopened follow-up",
      () => `/rounds/${done()}/questions/1/follow-ups/2`,
      () => ({ roundId: done(), position: "1", slot: "2" }),
    ),
    ...answerIntents(
      "Alice's follow-up",
      () => `/rounds/${done()}/questions/1/follow-ups/1`,
      () => ({ roundId: done(), position: "1", slot: "1" }),
    ),
    ...answerIntents(
      "Alice's unopened follow-up",
      () => `/rounds/${done()}/questions/2/follow-ups/1`,
      () => ({ roundId: done(), position: "2", slot: "1" }),
    ),
  ],
  "rounds.$roundId.questions.$position.draft": [
    action(
      "save a draft over Alice's open answer",
      () => `/rounds/${open()}/questions/1/draft?slot=0`,
      () => ({ roundId: open(), position: "1" }),
      { answer: "Bob was here" },
    ),
    action(
      "save a draft over Alice's graded answer",
      () => `/rounds/${done()}/questions/2/draft?slot=0`,
      () => ({ roundId: done(), position: "2" }),
      { answer: "Bob was here" },
    ),
    action(
      "save a draft over Alice's follow-up",
      () => `/rounds/${done()}/questions/1/draft?slot=1`,
      () => ({ roundId: done(), position: "1" }),
      { answer: "Bob was here" },
    ),
  ],
  "rounds.$roundId.questions.$position.recording": [
    loader(
      "replay Alice's recording",
      () => `/rounds/${open()}/questions/1/recording?slot=0`,
      () => ({ roundId: open(), position: "1" }),
    ),
    loader(
      "the recorder's view of Alice's recording",
      () => `/rounds/${open()}/questions/1/recording?slot=0&format=json`,
      () => ({ roundId: open(), position: "1" }),
    ),
    action(
      "transcribe Alice's recording again",
      () => `/rounds/${open()}/questions/1/recording?slot=0`,
      () => ({ roundId: open(), position: "1" }),
      { intent: "transcribe" },
    ),
    action(
      "write Bob's transcript onto Alice's recording",
      () => `/rounds/${open()}/questions/1/recording?slot=0`,
      () => ({ roundId: open(), position: "1" }),
      { intent: "browser-transcript", transcript: "Bob was here" },
    ),
  ],
  "rounds.$roundId.questions.$position.start": [
    loader(
      "the start page of Alice's unopened question",
      () => `/rounds/${open()}/questions/2/start`,
      () => ({ roundId: open(), position: "2" }),
    ),
    action(
      "start the clock on Alice's unopened question",
      () => `/rounds/${open()}/questions/2/start`,
      () => ({ roundId: open(), position: "2" }),
      {},
    ),
    action(
      "start the clock on Alice's unopened follow-up",
      () => `/rounds/${done()}/questions/1/start?slot=2`,
      () => ({ roundId: done(), position: "1" }),
      {},
    ),
  ],
  "rounds.$roundId.questions.$position.grade-stream": [
    action(
      "grade and stream Alice's answer",
      () => `/rounds/${done()}/questions/1/grade-stream?slot=0`,
      () => ({ roundId: done(), position: "1" }),
      {},
    ),
    action(
      "grade and stream Alice's follow-up",
      () => `/rounds/${done()}/questions/1/grade-stream?slot=1`,
      () => ({ roundId: done(), position: "1" }),
      {},
    ),
  ],
  // Bank questions are public; a question only Alice was asked, or her own, is not (the bank ones: see below).
  "questions.$questionId": [
    loader(
      "Alice's own question",
      () => `/questions/${customQuestionId(ids.slug)}`,
      () => ({ questionId: customQuestionId(ids.slug) }),
    ),
    action(
      "practise Alice's own question",
      () => `/questions/${customQuestionId(ids.slug)}`,
      () => ({ questionId: customQuestionId(ids.slug) }),
      { intent: "practise" },
    ),
    loader(
      "a question only Alice was asked",
      () => `/questions/${ids.privateQuestionId}`,
      () => ({ questionId: ids.privateQuestionId }),
    ),
    action(
      "practise a question only Alice was asked",
      () => `/questions/${ids.privateQuestionId}`,
      () => ({ questionId: ids.privateQuestionId }),
      { intent: "practise" },
    ),
  ],
  "questions.custom.$slug.edit": [
    loader(
      "the edit page of Alice's question",
      () => `/questions/custom/${ids.slug}/edit`,
      () => ({ slug: ids.slug }),
    ),
    // A complete, valid question: only the owner check can refuse it.
    action(
      "save Bob's text over Alice's question",
      () => `/questions/custom/${ids.slug}/edit`,
      () => ({ slug: ids.slug }),
      () => questionForm(ownQuestion(ids.slug, { title: "Bob renamed it" })),
    ),
  ],
  "questions.custom.$slug.delete": [
    loader(
      "the delete page of Alice's question",
      () => `/questions/custom/${ids.slug}/delete`,
      () => ({ slug: ids.slug }),
    ),
    action(
      "delete Alice's question",
      () => `/questions/custom/${ids.slug}/delete`,
      () => ({ slug: ids.slug }),
      { confirm: "delete" },
    ),
  ],
  "stories.$storyId._index": [
    loader(
      "Alice's story",
      () => `/stories/${ids.story}`,
      () => ({ storyId: ids.story }),
    ),
  ],
  "stories.$storyId.edit": [
    loader(
      "the edit page of Alice's story",
      () => `/stories/${ids.story}/edit`,
      () => ({ storyId: ids.story }),
    ),
    // A valid story, and Bob's own answer to link: only the owner check can refuse it.
    action(
      "save Bob's text over Alice's story",
      () => `/stories/${ids.story}/edit`,
      () => ({ storyId: ids.story }),
      () => ({ ...STORY_FORM, title: "Bob renamed it", answerId: ids.bobGradedAnswer }),
    ),
  ],
  "stories.$storyId.delete": [
    loader(
      "the delete page of Alice's story",
      () => `/stories/${ids.story}/delete`,
      () => ({ storyId: ids.story }),
    ),
    action(
      "delete Alice's story",
      () => `/stories/${ids.story}/delete`,
      () => ({ storyId: ids.story }),
      { confirm: "delete" },
    ),
  ],
  "stories.$storyId.practise": [
    loader(
      "the practise page of Alice's story",
      () => `/stories/${ids.story}/practise`,
      () => ({ storyId: ids.story }),
    ),
    action(
      "start a round from Alice's story",
      () => `/stories/${ids.story}/practise`,
      () => ({ storyId: ids.story }),
      { intent: "practise" },
    ),
  ],
};

/** Ids that were never anyone's, or are not ids at all: also 404, never a crash. */
const MALFORMED_IDS: [label: string, id: string][] = [
  ["unknown", "does-not-exist"],
  ["500 characters long", "x".repeat(500)],
  ["SQL", "' OR 1=1 --"],
  ["a path", "../../etc/passwd"],
];

type RouteModule = {
  loader?: (args: LoaderFunctionArgs) => unknown;
  action?: (args: LoaderFunctionArgs) => unknown;
};

function request(c: Case, url: string): Request {
  return c.kind === "loader" ? get(url, bob.cookie) : post(url, c.form!(), { cookie: bob.cookie });
}

describe("the table covers every route with an id", () => {
  const withIds = routeNames().filter((name) => name.includes("$"));

  test("every route file with a $ segment has rows", () => {
    expect(withIds.filter((file) => !(file in TABLE))).toEqual([]);
    expect(Object.keys(TABLE).filter((file) => !withIds.includes(file))).toEqual([]);
  });

  test.each(Object.keys(TABLE))(
    "%s: a row for its loader and for its action, when exported",
    async (file) => {
      const route = await importRoute<RouteModule>(file);
      const exported = (["loader", "action"] as const).filter(
        (kind) => typeof route[kind] === "function",
      );
      const covered = [...new Set(TABLE[file]!.map((c) => c.kind))].sort();
      expect(covered).toEqual([...exported].sort());
    },
  );
});

describe("Bob with Alice's ids", () => {
  const cases = Object.entries(TABLE).flatMap(([file, rows]) =>
    rows.map((c) => [file, c.kind, c.name, c] as const),
  );

  test.each(cases)(
    "%s %s: %s is a 404 and changes nothing of Alice's",
    async (file, kind, _name, c) => {
      const before = everythingOf(alice.user.id);
      const fn = (await importRoute<RouteModule>(file))[kind]!;
      const outcome = await run(fn, request(c, c.url()), c.params());
      expect(outcome.status).toBe(404);
      const text = JSON.stringify(outcome.data);
      for (const secret of [ALICE_DRAFT, ALICE_STORY_TITLE, ALICE_QUESTION_TITLE]) {
        expect(text).not.toContain(secret);
      }
      expect(everythingOf(alice.user.id)).toEqual(before);
    },
  );

  test.each(
    Object.entries(TABLE).flatMap(([file, rows]) =>
      rows
        .filter((c) => "roundId" in c.params())
        .slice(0, 2)
        .flatMap((c) =>
          MALFORMED_IDS.map(([label, bad]) => [file, c.kind, label, bad, c] as const),
        ),
    ),
  )("%s %s with a round id that is %s is a 404", async (file, kind, _label, bad, c) => {
    const fn = (await importRoute<RouteModule>(file))[kind]!;
    const url = c.url().replace(/\/rounds\/[^/?]+/, `/rounds/${encodeURIComponent(bad)}`);
    const outcome = await run(fn, request(c, url), { ...c.params(), roundId: bad });
    expect(outcome.status).toBe(404);
  });

  test.each(
    Object.entries(TABLE).flatMap(([file, rows]) =>
      rows.flatMap((c) =>
        (["storyId", "slug"] as const)
          .filter((param) => param in c.params())
          .flatMap((param) =>
            MALFORMED_IDS.map(([label, bad]) => [file, c.kind, param, label, bad, c] as const),
          ),
      ),
    ),
  )("%s %s with a %s that is %s is a 404", async (file, kind, param, _label, bad, c) => {
    const before = everythingOf(alice.user.id);
    const fn = (await importRoute<RouteModule>(file))[kind]!;
    const real = c.params()[param]!;
    const url = c.url().replace(`/${real}`, `/${encodeURIComponent(bad)}`);
    expect(url).not.toContain(real);
    const outcome = await run(fn, request(c, url), { ...c.params(), [param]: bad });
    expect(outcome.status).toBe(404);
    expect(everythingOf(alice.user.id)).toEqual(before);
  });

  test("Alice still sees all of it afterwards", async () => {
    const mine = await run(
      questionLoader,
      get(`/rounds/${ids.openRound}/questions/1`, alice.cookie),
      { roundId: ids.openRound, position: "1" },
    );
    expect(mine.status).toBe(200);
    expect(JSON.stringify(mine.data)).toContain(ALICE_DRAFT);
    const report = await importRoute<RouteModule>("rounds.$roundId.report");
    const done = await run(report.loader!, get(`/rounds/${ids.doneRound}/report`, alice.cookie), {
      roundId: ids.doneRound,
    });
    expect(done.status).toBe(200);
    expect(JSON.stringify(done.data)).toContain(ALICE_PROBE_ANSWER);

    const story = await importRoute<RouteModule>("stories.$storyId._index");
    const told = await run(story.loader!, get(`/stories/${ids.story}`, alice.cookie), {
      storyId: ids.story,
    });
    expect(told.status).toBe(200);
    expect(told.data).toMatchObject({
      story: { title: ALICE_STORY_TITLE },
      answers: [{ answerId: ids.storyAnswer }],
    });
    const edit = await importRoute<RouteModule>("questions.custom.$slug.edit");
    const own = await run(edit.loader!, get(`/questions/custom/${ids.slug}/edit`, alice.cookie), {
      slug: ids.slug,
    });
    expect(own.status).toBe(200);
    expect(own.data).toMatchObject({ slug: ids.slug, title: ALICE_QUESTION_TITLE });
  });
});

/** What Bob can create or change: compared before and after each request, so "nothing happened" is checked, not assumed. */
function bobsRecords() {
  const { sessions: _sessions, ...rest } = everythingOf(bob.user.id);
  return rest;
}

/**
 * Routes without an id in the path that take one in the form or the query:
 * Bob sends Alice's ids from his own pages. Each is refused as the feature
 * defines (404 for a record named by the request, 400 "Unknown question" in a
 * selection, ADR 007), and nothing of either user changes. The same request
 * with Bob's own id succeeds, so a refusal is about whose id it is, not a
 * broken request.
 */
describe("Bob's own pages, posting Alice's ids", () => {
  async function refused(
    send: () => Promise<{ status: number; data: unknown }>,
    status: number,
  ): Promise<string> {
    const alicesBefore = everythingOf(alice.user.id);
    const bobsBefore = bobsRecords();
    const outcome = await send();
    expect(outcome.status).toBe(status);
    const text = JSON.stringify(outcome.data);
    for (const secret of [
      ALICE_STORY_TITLE,
      ALICE_QUESTION_TITLE,
      STORY_ANSWER.slice(0, 40),
      ids.storyRound,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(everythingOf(alice.user.id)).toEqual(alicesBefore);
    expect(bobsRecords()).toEqual(bobsBefore);
    return text;
  }

  const tell = (storyId: string, intent = "tell-story") =>
    run(
      questionAction,
      post(`/rounds/${ids.bobOpenRound}/questions/1`, { intent, storyId }, { cookie: bob.cookie }),
      { roundId: ids.bobOpenRound, position: "1" },
    );

  test("“I'm telling this story” with Alice's story, on Bob's own behavioural answer, is a 404", async () => {
    await refused(() => tell(ids.story), 404);
    await refused(() => tell(ids.story, "untell-story"), 404);
    // The same post with Bob's own story links it.
    const mine = await tell(ids.bobStory);
    expect(mine.status).toBe(200);
    expect(linksOf(ids.bobStory)).toEqual([mainAnswerId(ids.bobOpenRound, 1)]);
    expect(linksOf(ids.story)).toEqual([ids.storyAnswer]);
  });

  test("“Save as story” from Alice's answer is a 404: no form filled from it, no story saved", async () => {
    const prefill = (answerId: string) =>
      run(newStoryLoader, get(`/stories/new?answer=${encodeURIComponent(answerId)}`, bob.cookie));
    expect((await prefill(ids.bobGradedAnswer)).status).toBe(200);
    await refused(() => prefill(ids.storyAnswer), 404);

    const save = (answerId: string) =>
      run(
        newStoryAction,
        post(
          "/stories/new",
          { ...STORY_FORM, title: "Bob's copy of Alice's answer", answerId },
          { cookie: bob.cookie },
        ),
      );
    await refused(() => save(ids.storyAnswer), 404);
    expect((await save(ids.bobGradedAnswer)).status).toBe(302);
  });

  test("exporting Alice's question in a pack is a 404, alone or beside a bank question", async () => {
    const exportOf = (...questionIds: string[]) => {
      const query = new URLSearchParams(questionIds.map((id) => ["ids", id]));
      query.append("format", "json");
      return run(exportLoader, get(`/questions/export?${query.toString()}`, bob.cookie));
    };
    expect((await exportOf(ids.questionId)).status).toBe(200);
    await refused(() => exportOf(customQuestionId(ids.slug)), 404);
    await refused(() => exportOf(ids.questionId, customQuestionId(ids.slug)), 404);
    // Her slug without the prefix is no id at all for Bob.
    await refused(() => exportOf(ids.slug), 404);
  });

  test("“Start a round with these” with Alice's question is a 400 “Unknown question”, and no round starts", async () => {
    const start = (...questionIds: string[]) =>
      run(
        browseAction,
        post("/questions", { intent: "start", ids: questionIds }, { cookie: bob.cookie }),
      );
    const text = await refused(() => start(ids.questionId, customQuestionId(ids.slug)), 400);
    expect(text).toContain(`Unknown question: ${customQuestionId(ids.slug)}.`);
    await refused(() => start(customQuestionId(ids.slug)), 400);
    expect((await start(ids.questionId)).status).toBe(302);
  });
});

describe("a bank question's page, as Bob, after Alice answered it", () => {
  test("shows the question and none of Alice's attempts, answers or grades", async () => {
    const page = await importRoute<RouteModule>("questions.$questionId");
    const outcome = await run(page.loader!, get(`/questions/${ids.questionId}`, bob.cookie), {
      questionId: ids.questionId,
    });
    expect(outcome.status).toBe(200);
    const data = outcome.data as {
      question: { id: string };
      total: number;
      attempts: unknown[];
      latest: unknown;
    };
    expect(data.question.id).toBe(ids.questionId);
    expect(data.total).toBe(0);
    expect(data.attempts).toEqual([]);
    expect(data.latest).toBeNull();
    const text = JSON.stringify(data);
    for (const secret of [
      ids.doneRound,
      ids.openRound,
      GOOD_ANSWER.slice(0, 40),
      ALICE_PROBE_ANSWER,
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
