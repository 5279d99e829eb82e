import { and, count, desc, eq } from "drizzle-orm";
import { beforeEach, expect, test } from "vitest";
import { answers, grades, roundQuestions, rounds } from "../../db/schema";
import { addCustomQuestions } from "~/custom-questions/add-custom-questions.server";
import {
  deleteCustomQuestion,
  updateCustomQuestion,
} from "~/custom-questions/custom-questions.server";
import { getDb } from "~/db.server";
import { nextDue } from "~/review/spaced-repetition";
import { action as queueAction, loader as queueLoader } from "~/routes/practice-queue/route";
import { createSignedInUser, get, post, run } from "../utils/routes";
import { ownQuestion } from "../utils/questions";
import { backdateRound, GOOD_ANSWER, takeRound, type TestUser } from "../utils/review";

interface QueueItem {
  questionId: string;
  title: string;
  lastAt: Date;
  overall: number;
  attempts: number;
  dueAt: Date;
  due: boolean;
}
interface QueueData {
  due: QueueItem[];
  upcoming: QueueItem[];
  /** How many questions "Practise the due questions" starts. */
  count: number;
}

const DAY = 86_400_000;
const WEAK_ANSWER = "Lag is bad. You should fix it quickly.";

const queue = async (who: TestUser) =>
  (await run(queueLoader, get("/practice-queue", who.cookie))).data as QueueData;
const start = (
  who: TestUser,
  form: Record<string, string> = { intent: "start-due" },
  origin?: string,
) => run(queueAction, post("/practice-queue", form, { cookie: who.cookie, origin }));
const roundCount = (who: TestUser) =>
  getDb().select({ n: count() }).from(rounds).where(eq(rounds.userId, who.user.id)).get()!.n;
const askedIn = (roundId: string) =>
  getDb()
    .select()
    .from(roundQuestions)
    .where(eq(roundQuestions.roundId, roundId))
    .all()
    .map((q) => q.questionId);

/** The overall of the main answer's latest grade in a round of one question. */
const overallIn = (roundId: string) =>
  getDb()
    .select({ overall: grades.overall })
    .from(grades)
    .innerJoin(answers, eq(answers.id, grades.answerId))
    .innerJoin(roundQuestions, eq(roundQuestions.id, answers.roundQuestionId))
    .where(and(eq(roundQuestions.roundId, roundId), eq(answers.slot, 0)))
    .orderBy(desc(grades.createdAt))
    .get()!.overall!;

/** Takes a one-question round on one's own "kafka-lag" question, dated `daysAgo` days back. */
async function attempt(who: TestUser, answer: string, daysAgo: number) {
  const roundId = await takeRound(who, { kinds: [], skills: ["kafka-streams"], answers: [answer] });
  const at = new Date(Date.now() - daysAgo * DAY);
  backdateRound(roundId, at);
  return { at, overall: overallIn(roundId) };
}

const snapshotsIn = (roundId: string) =>
  getDb()
    .select()
    .from(roundQuestions)
    .where(eq(roundQuestions.roundId, roundId))
    .all()
    .map((q) => q.question.title);

let alice: TestUser;
let bob: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

test("an empty queue, and a just-answered question scheduled for later", async () => {
  expect(await queue(alice)).toEqual({ due: [], upcoming: [], count: 0 });
  const roundId = await takeRound(alice);
  const data = await queue(alice);
  // Answered a moment ago: even the weakest answer waits a whole day, so it is not due today.
  expect(data.due).toEqual([]);
  expect(data.upcoming.map((q) => q.questionId)).toEqual(askedIn(roundId));
  expect(data.upcoming[0]!.dueAt.getTime()).toBeGreaterThan(Date.now() + 86_000_000);
  expect((await queue(bob)).upcoming).toEqual([]);
});

test("a question answered weeks ago is due; today's round asks the due questions", async () => {
  const old = await takeRound(alice, { count: 2 });
  backdateRound(old, new Date(Date.now() - 40 * 86_400_000));
  await takeRound(bob);
  const data = await queue(alice);
  expect(data.due.map((q) => q.questionId).sort()).toEqual(askedIn(old).sort());
  expect(data.due.every((q) => q.attempts === 1 && q.overall >= 1)).toBe(true);
  // The button's count comes with the page: the limit lives in a .server module the browser has not got.
  expect(data.count).toBe(2);

  const outcome = await start(alice);
  expect(outcome.status).toBe(302);
  const roundId = outcome.location!.split("/")[2]!;
  expect(outcome.location).toBe(`/rounds/${roundId}/questions/1`);
  expect(askedIn(roundId).sort()).toEqual(askedIn(old).sort());
});

test("one's own question comes back as last edited; deleted, as last asked", async () => {
  expect(addCustomQuestions(alice.user.id, [ownQuestion("kafka-lag")])).toEqual({ ok: true });
  const old = await takeRound(alice, { kinds: [], skills: ["kafka-streams"] });
  expect(askedIn(old)).toEqual(["custom-kafka-lag"]);
  backdateRound(old, new Date(Date.now() - 40 * 86_400_000));
  expect(
    updateCustomQuestion(
      alice.user.id,
      ownQuestion("kafka-lag", { title: "Explain consumer lag, edited" }),
    ),
  ).toBe(true);
  expect((await queue(alice)).due.map((q) => q.title)).toEqual(["Explain consumer lag, edited"]);

  const edited = await start(alice);
  expect(edited.status).toBe(302);
  expect(snapshotsIn(edited.location!.split("/")[2]!)).toEqual(["Explain consumer lag, edited"]);

  // Gone from the user's questions: practised as it was last asked (in the round just started), still theirs alone.
  expect(deleteCustomQuestion(alice.user.id, "kafka-lag")).toBe(true);
  const deleted = await start(alice);
  expect(deleted.status).toBe(302);
  expect(snapshotsIn(deleted.location!.split("/")[2]!)).toEqual(["Explain consumer lag, edited"]);
  expect((await start(bob)).status).toBe(400);
});

test("nothing due, a malformed post, a signed-out or cross-site post: 400/302/403 and no round", async () => {
  const before = roundCount(alice);
  expect((await start(alice)).status).toBe(400);
  await takeRound(alice, { count: 1 });
  const withRound = roundCount(alice);
  for (const form of [
    {},
    { intent: "" },
    { intent: "start-everything" },
    { intent: "x".repeat(5000) },
  ] as Record<string, string>[]) {
    expect((await start(alice, form)).status).toBe(400);
  }
  expect((await run(queueAction, post("/practice-queue", { intent: "start-due" }))).status).toBe(
    302,
  );
  expect((await start(alice, { intent: "start-due" }, "https://evil.example")).status).toBe(403);
  expect(roundCount(alice)).toBe(withRound);
  expect(withRound).toBe(before + 1);
});

test("every graded attempt counts, in time order; each user's queue holds only their own attempts", async () => {
  // Both users have a question of their own with the same id: the ids meet, the histories must not.
  for (const who of [alice, bob])
    expect(addCustomQuestions(who.user.id, [ownQuestion("kafka-lag")])).toEqual({ ok: true });
  const alices = [
    await attempt(alice, WEAK_ANSWER, 30),
    await attempt(alice, WEAK_ANSWER, 25),
    await attempt(alice, GOOD_ANSWER, 20),
  ];
  const bobs = [
    await attempt(bob, GOOD_ANSWER, 30),
    await attempt(bob, GOOD_ANSWER, 25),
    await attempt(bob, GOOD_ANSWER, 20),
  ];
  expect(alices[0]!.overall).toBeLessThan(alices[2]!.overall);
  expect(bobs[2]!.overall).toBe(alices[2]!.overall);

  const mine = await queue(alice);
  const [item, ...others] = [...mine.due, ...mine.upcoming];
  expect(others).toEqual([]);
  expect(item).toMatchObject({
    questionId: "custom-kafka-lag",
    attempts: 3,
    overall: alices[2]!.overall,
    lastAt: alices[2]!.at,
    dueAt: nextDue(alices),
    due: nextDue(alices).getTime() <= Date.now(),
  });

  // Same question id, same days, same last score; Bob's earlier answers were strong, so his waits longer.
  const theirs = await queue(bob);
  const [bobsItem, ...bobsOthers] = [...theirs.due, ...theirs.upcoming];
  expect(bobsOthers).toEqual([]);
  expect(bobsItem).toMatchObject({ attempts: 3, overall: bobs[2]!.overall, dueAt: nextDue(bobs) });
  expect(bobsItem!.dueAt.getTime()).toBeGreaterThan(item!.dueAt.getTime() + 7 * DAY);
});
