import { asc, count, eq } from "drizzle-orm";
import { beforeEach, expect, test } from "vitest";
import { roundQuestions, rounds } from "../../db/schema";
import { getDb } from "~/db.server";
import { getReadyRounds } from "~/rounds/ready-rounds.server";
import { updatePreferences } from "~/preferences/preferences.server";
import { action as newRoundAction, loader as newRoundLoader } from "~/routes/rounds.new/route";
import { createSignedInUser, get, post, run } from "../utils/routes";
import { refusalOf } from "../utils/replies";
import type { TestUser } from "../utils/review";

interface NewRoundData {
  readyRounds: { id: string; title: string; description: string; count: number; minutes: number }[];
}

function roundCount(who: TestUser) {
  return getDb().select({ n: count() }).from(rounds).where(eq(rounds.userId, who.user.id)).get()!.n;
}

function startReady(who: TestUser | null, readyRound: string, origin?: string) {
  return run(newRoundAction, post("/rounds/new", { readyRound }, { cookie: who?.cookie, origin }));
}

let alice: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
});

test("the new-round page offers the five ready rounds with their size and time", async () => {
  const page = await run(newRoundLoader, get("/rounds/new", alice.cookie));
  const { readyRounds } = page.data as NewRoundData;
  expect(readyRounds.map((r) => r.title)).toEqual([
    "Backend fundamentals",
    "Databases",
    "System design warm-up",
    "Behavioural STAR",
    "DevOps basics",
  ]);
  for (const ready of getReadyRounds()) {
    const shown = readyRounds.find((r) => r.id === ready.id)!;
    expect(shown.count).toBe(ready.questions.length);
    expect(shown.minutes).toBe(ready.questions.reduce((sum, q) => sum + q.minutes, 0));
  }
});

test("one click starts the ready round: its questions in order, each on its own clock, the target band", async () => {
  updatePreferences(alice.user.id, { targetBand: "5-8" });
  const ready = getReadyRounds().find((r) => r.id === "databases")!;
  const outcome = await startReady(alice, "databases");
  expect(outcome.status).toBe(302);
  expect(outcome.location).toMatch(/^\/rounds\/[^/]+\/questions\/1$/);
  const roundId = outcome.location!.split("/")[2]!;
  const round = getDb().select().from(rounds).where(eq(rounds.id, roundId)).get()!;
  expect(round).toMatchObject({ userId: alice.user.id, title: "Databases", band: "5-8" });
  const asked = getDb()
    .select()
    .from(roundQuestions)
    .where(eq(roundQuestions.roundId, roundId))
    .orderBy(asc(roundQuestions.position))
    .all();
  expect(asked.map((q) => q.questionId)).toEqual(ready.questions.map((q) => q.id));
  expect(asked.map((q) => q.secondsAllowed)).toEqual(ready.questions.map((q) => q.minutes * 60));
});

test("every ready round can be started", async () => {
  for (const ready of getReadyRounds()) {
    const outcome = await startReady(alice, ready.id);
    expect(outcome.status, ready.id).toBe(302);
  }
  expect(roundCount(alice)).toBe(getReadyRounds().length);
});

test("an unknown or malformed ready round is a 400 and starts nothing", async () => {
  for (const id of ["no-such-round", "", "../databases", "x".repeat(61)]) {
    const outcome = await startReady(alice, id);
    expect(outcome.status, id).toBe(400);
    expect(refusalOf(outcome.data).errors.form).toEqual(["Choose a ready round from the list."]);
  }
  expect(roundCount(alice)).toBe(0);
});

test("signed out: sent to log in; cross-site: 403; nothing is created", async () => {
  const before = getDb().select({ n: count() }).from(rounds).get()!.n;
  const anonymousPage = await run(newRoundLoader, get("/rounds/new"));
  expect(anonymousPage.status).toBe(302);
  expect(anonymousPage.location).toBe("/login?redirectTo=%2Frounds%2Fnew");
  const anonymous = await startReady(null, "databases");
  expect(anonymous.status).toBe(302);
  expect(anonymous.location).toMatch(/^\/login/);
  const crossSite = await startReady(alice, "databases", "https://evil.example");
  expect(crossSite.status).toBe(403);
  expect(getDb().select({ n: count() }).from(rounds).get()!.n).toBe(before);
});
