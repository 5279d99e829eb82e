import { count, eq } from "drizzle-orm";
import { beforeEach, expect, test } from "vitest";
import { rounds } from "../../db/schema";
import { getDb } from "~/db.server";
import { getBank } from "~/question-bank/load-bank.server";
import { createRound } from "~/rounds/rounds.server";
import {
  action as questionAction,
  loader as questionLoader,
} from "~/routes/questions.$questionId/route";
import { createSignedInUser, get, post, run } from "../utils/routes";
import { answerRound, backdateRound, GOOD_ANSWER, type TestUser } from "../utils/review";

interface QuestionData {
  question: { id: string; title: string };
  total: number;
  pages: number;
  attempts: {
    roundId: string;
    overall: number | null;
    scores: Record<string, number>;
    text: string;
  }[];
  changes: {
    criterionId: string;
    first: number | null;
    latest: number | null;
    sinceFirst: number | null;
    sincePrevious: number | null;
  }[];
  latest: { roundId: string; grade: { overall: number } } | null;
  errors: unknown;
}

const ID = "explain-rest-apis";

async function page(who: TestUser, questionId = ID, query = "") {
  const outcome = await run(questionLoader, get(`/questions/${questionId}${query}`, who.cookie), {
    questionId,
  });
  return { status: outcome.status, data: outcome.data as QuestionData };
}

async function practise(
  who: TestUser,
  questionId = ID,
  form: Record<string, string> = { intent: "practise" },
  origin?: string,
) {
  return run(
    questionAction,
    post(`/questions/${questionId}`, form, { cookie: who.cookie, origin }),
    { questionId },
  );
}

function roundCount(who: TestUser) {
  return getDb().select({ n: count() }).from(rounds).where(eq(rounds.userId, who.user.id)).get()!.n;
}

/** "Practise again" starts a round with exactly this question; answer it. */
async function attempt(who: TestUser, answer: string, questionId = ID) {
  const started = await practise(who, questionId);
  expect(started.status).toBe(302);
  expect(started.location).toMatch(/^\/rounds\/[^/]+\/questions\/1$/);
  const roundId = started.location!.split("/")[2]!;
  await answerRound(who, roundId, [answer]);
  return roundId;
}

let alice: TestUser;
let bob: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

test("a bank question never answered shows no attempts and offers to practise it", async () => {
  const { status, data } = await page(alice);
  expect(status).toBe(200);
  expect(data).toMatchObject({ question: { id: ID }, total: 0, attempts: [], latest: null });
});

test("every attempt, newest first, with the change per criterion and the latest feedback", async () => {
  const first = await attempt(alice, "REST uses resources. GET reads.");
  backdateRound(first, new Date(Date.now() - 2 * 86_400_000));
  const second = await attempt(alice, GOOD_ANSWER);
  await attempt(bob, GOOD_ANSWER);

  const { data } = await page(alice);
  expect(data.total).toBe(2);
  expect(data.attempts.map((a) => a.roundId)).toEqual([second, first]);
  expect(data.attempts[0]!.text).toBe(GOOD_ANSWER);
  expect(Object.keys(data.attempts[0]!.scores).length).toBeGreaterThanOrEqual(3);
  const overall = data.changes.find((c) => c.criterionId === "overall")!;
  expect(overall.first).toBe(data.attempts[1]!.overall);
  expect(overall.latest).toBe(data.attempts[0]!.overall);
  expect(overall.sinceFirst).toBeCloseTo(overall.latest! - overall.first!, 5);
  expect(overall.sincePrevious).toBeCloseTo(overall.sinceFirst!, 5);
  expect(data.latest?.roundId).toBe(second);
  expect(data.latest?.grade.overall).toBe(overall.latest);
});

test("practising creates a round with just this question; bad posts change nothing", async () => {
  const before = roundCount(alice);
  for (const form of [
    {},
    { intent: "delete" },
    { intent: "" },
    { intent: "practise".repeat(1000) },
  ] as Record<string, string>[]) {
    const outcome = await practise(alice, ID, form);
    expect(outcome.status).toBe(400);
  }
  expect((await practise(alice, "no-such-question")).status).toBe(404);
  expect((await practise(alice, ID, { intent: "practise" }, "https://evil.example")).status).toBe(
    403,
  );
  expect(roundCount(alice)).toBe(before);
  await practise(alice);
  expect(roundCount(alice)).toBe(before + 1);
});

test("unknown, malformed and other users' questions are 404s; a bad page is a 400", async () => {
  for (const id of ["no-such-question", "Explain-REST", "x".repeat(81), "../etc"]) {
    expect((await page(alice, id)).status).toBe(404);
  }
  // A question only Bob was ever asked (not in the bank) does not exist for Alice.
  const own = {
    ...getBank().find((q) => q.id === ID)!,
    id: "bobs-own-question",
    title: "Bob's own question",
  };
  createRound(
    bob.user.id,
    "Bob's round",
    { skills: [], kinds: [], band: "3-5", count: 1, minutes: null },
    [own],
  );
  expect((await page(bob, "bobs-own-question")).status).toBe(200);
  expect((await page(alice, "bobs-own-question")).status).toBe(404);
  expect((await practise(alice, "bobs-own-question")).status).toBe(404);
  const bad = await page(alice, ID, "?page=abc");
  expect(bad.status).toBe(400);
  expect(bad.data.errors).toBeTruthy();
});
