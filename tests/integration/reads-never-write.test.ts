import Database from "better-sqlite3";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { answers, roundQuestions } from "../../db/schema";
import { getDb } from "~/db.server";
import { latestGrades } from "~/grading/grades.server";
import { sweepUngradedAnswers } from "~/grading/grading-sweep.server";
import { action as newQuestionAction } from "~/routes/questions.new/route";
import { action as draftAction } from "~/routes/rounds.$roundId.questions.$position.draft/route";
import { action as followUpAction } from "~/routes/rounds.$roundId.questions.$position.follow-ups.$slot/route";
import { ownQuestion, questionForm } from "../utils/questions";
import { startQuestion, STORY_ANSWER, takeRound, type TestUser } from "../utils/review";
import { createSignedInUser, get, importRoute, post, routeNames, run } from "../utils/routes";
import { writeStory } from "../utils/stories";

/**
 * A GET never writes: every page a user with rounds in every state can open
 * (finished, in progress, unopened, expired with a draft nobody submitted,
 * follow-ups, stories, own questions) is loaded, and every table is then the
 * same, row for row and byte for byte. The table below must name every route
 * file with a loader; a new one fails the test until it has rows here.
 */

let alice: TestUser;
const ids = {
  done: "",
  open: "",
  expired: "",
  question: "",
  slug: "own-reads-question",
  story: "",
};
const DRAFT = "A draft about idempotency keys, never submitted";
const EXPIRED_DRAFT = "Half an answer the clock ran out on";

function answerOf(roundId: string, position: number, slot = 0) {
  return getDb()
    .select({ answer: answers })
    .from(answers)
    .innerJoin(roundQuestions, eq(roundQuestions.id, answers.roundQuestionId))
    .where(
      and(
        eq(roundQuestions.roundId, roundId),
        eq(roundQuestions.position, position),
        eq(answers.slot, slot),
      ),
    )
    .get()?.answer;
}

/** Every row of every table, read through a connection of its own, in a stable order. */
function dumpDatabase(): Record<string, unknown[]> {
  const db = new Database(process.env.DATABASE_PATH!, { readonly: true });
  try {
    const tables = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
      )
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        db.prepare(`select * from "${name}" order by rowid`).raw().all(),
      ]),
    );
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  alice = await createSignedInUser("reader");
  // A finished round with a follow-up answered.
  ids.done = await takeRound(alice, { count: 2 });
  await startQuestion(alice, ids.done, 1, 1);
  const probe = `/rounds/${ids.done}/questions/1/follow-ups/1`;
  const answered = await run(
    followUpAction,
    post(
      probe,
      { intent: "submit", answer: "I would keep an idempotency key with the result." },
      { cookie: alice.cookie },
    ),
    { roundId: ids.done, position: "1", slot: "1" },
  );
  expect(answered.status).toBe(302);
  ids.question = getDb()
    .select()
    .from(roundQuestions)
    .where(eq(roundQuestions.roundId, ids.done))
    .get()!.questionId;

  // In progress: question 1 open with a draft, questions 2 and 3 never opened.
  ids.open = await takeRound(alice, { count: 3, answers: [] });
  const saved = await run(
    draftAction,
    post(
      `/rounds/${ids.open}/questions/1/draft?slot=0`,
      { answer: DRAFT },
      { cookie: alice.cookie },
    ),
    { roundId: ids.open, position: "1" },
  );
  expect(saved.status).toBe(200);

  // Expired: a question opened long ago with a draft, its clock run out, nothing stored since.
  ids.expired = await takeRound(alice, { count: 2, answers: [] });
  await run(
    draftAction,
    post(
      `/rounds/${ids.expired}/questions/1/draft?slot=0`,
      { answer: EXPIRED_DRAFT },
      { cookie: alice.cookie },
    ),
    { roundId: ids.expired, position: "1" },
  );
  const startedAt = new Date(Date.now() - 60 * 60_000);
  getDb()
    .update(answers)
    .set({ startedAt, deadlineAt: new Date(startedAt.getTime() + 300_000) })
    .where(eq(answers.id, answerOf(ids.expired, 1)!.id))
    .run();

  // A story told in a behavioural answer, and a question of her own.
  const storyRound = await takeRound(alice, {
    count: 1,
    kinds: ["behavioural"],
    answers: [STORY_ANSWER],
  });
  ids.story = await writeStory(alice, {
    title: "The outage story",
    answerId: answerOf(storyRound, 1)!.id,
  });
  const created = await run(
    newQuestionAction,
    post("/questions/new", questionForm(ownQuestion(ids.slug)), { cookie: alice.cookie }),
  );
  expect(created.status, JSON.stringify(created.data)).toBe(302);
});

type Page = [url: () => string, params: () => Record<string, string>];
const page = (url: () => string, params: () => Record<string, string> = () => ({})): Page => [
  url,
  params,
];
const rounds = () => [ids.done, ids.open, ids.expired];

/** Every page of each route file with a loader, as Alice. */
const PAGES: Record<string, Page[]> = {
  _index: [page(() => "/")],
  "account._index": [page(() => "/account")],
  "account.delete": [page(() => "/account/delete")],
  "export[.json]": [page(() => "/export.json")],
  healthz: [page(() => "/healthz")],
  history: [page(() => "/history")],
  login: [page(() => "/login")],
  logout: [page(() => "/logout")],
  "practice-queue": [page(() => "/practice-queue")],
  preferences: [page(() => "/preferences")],
  progress: [page(() => "/progress")],
  "questions.$questionId": [
    page(
      () => `/questions/${ids.question}`,
      () => ({ questionId: ids.question }),
    ),
  ],
  "questions._index": [page(() => "/questions")],
  "questions.custom.$slug.delete": [
    page(
      () => `/questions/custom/${ids.slug}/delete`,
      () => ({ slug: ids.slug }),
    ),
  ],
  "questions.custom.$slug.edit": [
    page(
      () => `/questions/custom/${ids.slug}/edit`,
      () => ({ slug: ids.slug }),
    ),
  ],
  "questions.export": [page(() => "/questions/export")],
  "questions.import": [page(() => "/questions/import")],
  "questions.new": [page(() => "/questions/new")],
  readiness: [page(() => "/readiness")],
  "rounds.$roundId._index": rounds().map((_, i) =>
    page(
      () => `/rounds/${rounds()[i]}`,
      () => ({ roundId: rounds()[i]! }),
    ),
  ),
  "rounds.$roundId.delete": [
    page(
      () => `/rounds/${ids.open}/delete`,
      () => ({ roundId: ids.open }),
    ),
  ],
  "rounds.$roundId.export[.md]": rounds().map((_, i) =>
    page(
      () => `/rounds/${rounds()[i]}/export.md`,
      () => ({ roundId: rounds()[i]! }),
    ),
  ),
  "rounds.$roundId.questions.$position._index": [
    ...[1, 2].map((p) =>
      page(
        () => `/rounds/${ids.done}/questions/${p}`,
        () => ({ roundId: ids.done, position: String(p) }),
      ),
    ),
    ...[1, 2, 3].map((p) =>
      page(
        () => `/rounds/${ids.open}/questions/${p}`,
        () => ({ roundId: ids.open, position: String(p) }),
      ),
    ),
    ...[1, 2].map((p) =>
      page(
        () => `/rounds/${ids.expired}/questions/${p}`,
        () => ({ roundId: ids.expired, position: String(p) }),
      ),
    ),
  ],
  "rounds.$roundId.questions.$position.follow-ups.$slot": [1, 2, 3].map((slot) =>
    page(
      () => `/rounds/${ids.done}/questions/1/follow-ups/${slot}`,
      () => ({ roundId: ids.done, position: "1", slot: String(slot) }),
    ),
  ),
  "rounds.$roundId.questions.$position.recording": [
    page(
      () => `/rounds/${ids.open}/questions/1/recording?slot=0`,
      () => ({ roundId: ids.open, position: "1" }),
    ),
  ],
  "rounds.$roundId.questions.$position.start": [
    page(
      () => `/rounds/${ids.open}/questions/2/start`,
      () => ({ roundId: ids.open, position: "2" }),
    ),
    page(
      () => `/rounds/${ids.expired}/questions/2/start`,
      () => ({ roundId: ids.expired, position: "2" }),
    ),
    page(
      () => `/rounds/${ids.done}/questions/1/start?slot=2`,
      () => ({ roundId: ids.done, position: "1" }),
    ),
  ],
  "rounds.$roundId.report": rounds().map((_, i) =>
    page(
      () => `/rounds/${rounds()[i]}/report`,
      () => ({ roundId: rounds()[i]! }),
    ),
  ),
  "rounds.new": [page(() => "/rounds/new")],
  settings: [page(() => "/settings")],
  signup: [page(() => "/signup")],
  theme: [page(() => "/theme")],
  "stories.$storyId._index": [
    page(
      () => `/stories/${ids.story}`,
      () => ({ storyId: ids.story }),
    ),
  ],
  "stories.$storyId.delete": [
    page(
      () => `/stories/${ids.story}/delete`,
      () => ({ storyId: ids.story }),
    ),
  ],
  "stories.$storyId.edit": [
    page(
      () => `/stories/${ids.story}/edit`,
      () => ({ storyId: ids.story }),
    ),
  ],
  "stories.$storyId.practise": [
    page(
      () => `/stories/${ids.story}/practise`,
      () => ({ storyId: ids.story }),
    ),
  ],
  "stories._index": [page(() => "/stories")],
  "stories.export[.md]": [page(() => "/stories/export.md")],
  "stories.matrix": [page(() => "/stories/matrix")],
  "stories.new": [page(() => "/stories/new")],
};

async function loaderOf(file: string) {
  const route = await importRoute<{ loader?: (args: LoaderFunctionArgs) => unknown }>(file);
  return route.loader;
}

test("every route file with a loader has pages in the table", async () => {
  const withLoader = [];
  for (const name of routeNames()) if (await loaderOf(name)) withLoader.push(name);
  expect(withLoader.filter((f) => !(f in PAGES))).toEqual([]);
});

test("loading every page, twice, changes nothing in the database", async () => {
  const before = dumpDatabase();
  const statuses: string[] = [];
  const present = new Set(routeNames());
  for (let pass = 0; pass < 2; pass += 1) {
    for (const [file, pages] of Object.entries(PAGES)) {
      if (!present.has(file)) continue;
      const loader = (await loaderOf(file))!;
      for (const [url, params] of pages) {
        const outcome = await run(loader, get(url(), alice.cookie), params());
        statuses.push(`${outcome.status} ${url()}`);
      }
    }
  }
  expect(statuses.filter((s) => /^5/.test(s))).toEqual([]);
  // The unopened questions showed their Start page; the expired one showed as submitted.
  expect(statuses).toContain(`302 /rounds/${ids.open}/questions/2`);
  expect(dumpDatabase()).toEqual(before);
});

test("an expired answer reads as submitted with its draft, and the sweep stores what was shown", async () => {
  const params = { roundId: ids.expired, position: "1" };
  const loader = (await loaderOf("rounds.$roundId.questions.$position._index"))!;
  const shown = (await run(loader, get(`/rounds/${ids.expired}/questions/1`, alice.cookie), params))
    .data as {
    answer: { submittedAt: Date; timedOut: boolean; skipped: boolean; text: string };
  };
  expect(shown.answer).toMatchObject({ text: EXPIRED_DRAFT, timedOut: true, skipped: false });
  expect(answerOf(ids.expired, 1)!.submittedAt).toBeNull();

  await sweepUngradedAnswers();
  const stored = answerOf(ids.expired, 1)!;
  expect(stored).toMatchObject({ text: EXPIRED_DRAFT, timedOut: true, skipped: false });
  expect(stored.submittedAt!.getTime()).toBe(new Date(shown.answer.submittedAt).getTime());
  // The draft was saved first; the sweep graded it (its submission is older than the grading lease).
  expect(latestGrades([stored.id]).has(stored.id)).toBe(true);
  // The open question of another round, still on its clock, is left alone.
  expect(answerOf(ids.open, 1)).toMatchObject({ submittedAt: null, text: DRAFT });
});

test("resuming a round goes to its first question still on the clock: an expired one counts as answered", async () => {
  const resume = (await loaderOf("rounds.$roundId._index"))!;
  const at = async (roundId: string) =>
    (await run(resume, get(`/rounds/${roundId}`, alice.cookie), { roundId })).location;
  expect(await at(ids.open)).toBe(`/rounds/${ids.open}/questions/1`);
  expect(await at(ids.expired)).toBe(`/rounds/${ids.expired}/questions/2`);
  // Question 2 was never opened: its page shows Start rather than starting the clock.
  const question = (await loaderOf("rounds.$roundId.questions.$position._index"))!;
  const visit = await run(question, get(`/rounds/${ids.expired}/questions/2`, alice.cookie), {
    roundId: ids.expired,
    position: "2",
  });
  expect(visit).toMatchObject({
    status: 302,
    location: `/rounds/${ids.expired}/questions/2/start`,
  });
  expect(answerOf(ids.expired, 2)).toBeUndefined();
});
