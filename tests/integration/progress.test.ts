import { eq } from "drizzle-orm";
import { beforeEach, expect, test } from "vitest";
import { roundQuestions } from "../../db/schema";
import { getDb } from "~/db.server";
import { isoDay } from "~/dates/format";
import { loader as progressLoader } from "~/routes/progress/route";
import { action as practiseAction } from "~/routes/questions.$questionId/route";
import { createSignedInUser, get, post, run } from "../utils/routes";
import {
  answerRound,
  backdateRound,
  STORY_ANSWER,
  takeRound,
  type TestUser,
} from "../utils/review";

interface SeriesData {
  key: string;
  name: string;
  recent: number;
  average: number;
  attempts: number;
  points: { n: number; at: number; score: number }[];
}
interface ProgressData {
  progress: {
    answers: number;
    criteria: Omit<SeriesData, "points">[];
    skills: Omit<SeriesData, "points">[];
    criteriaCharts: SeriesData[];
    skillCharts: SeriesData[];
  } | null;
  errors: unknown;
}

async function progress(who: TestUser, query = "") {
  const outcome = await run(progressLoader, get(`/progress${query}`, who.cookie));
  return { status: outcome.status, data: outcome.data as ProgressData };
}

/** Starts a one-question round of a bank question through its page's "Practise" button; returns the round id. */
async function practise(who: TestUser, questionId: string) {
  const path = `/questions/${questionId}`;
  const started = await run(
    practiseAction,
    post(path, { intent: "practise" }, { cookie: who.cookie }),
    {
      questionId,
    },
  );
  expect(started.status).toBe(302);
  return started.location!.split("/")[2]!;
}

let alice: TestUser;
let bob: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

test("signed out: log in first; no graded answers: nothing to chart", async () => {
  expect((await run(progressLoader, get("/progress"))).status).toBe(302);
  const empty = await progress(alice);
  expect(empty.status).toBe(200);
  expect(empty.data.progress).toBeNull();
  await takeRound(alice, { answers: [] });
  expect((await progress(alice)).data.progress).toBeNull();
});

test("per criterion and per skill over time, weakest first, from the user's own answers only", async () => {
  const january = await takeRound(alice, { kinds: ["behavioural"], answers: [STORY_ANSWER] });
  backdateRound(january, new Date("2026-01-05T10:00:00Z"));
  const march = await takeRound(alice, { kinds: ["behavioural"], answers: ["We fixed it."] });
  backdateRound(march, new Date("2026-03-02T10:00:00Z"));
  await takeRound(bob, { count: 3 });

  // Every series, not only the weakest few: which questions were drawn is random.
  const { data } = await progress(alice, "?charts=all");
  const p = data.progress!;
  expect(p.answers).toBe(2);
  const recents = p.criteria.map((c) => c.recent);
  expect(recents).toEqual([...recents].sort((a, b) => a - b));
  const star = p.criteriaCharts.find((c) => c.key === "star-structure");
  expect(star).toMatchObject({ name: "STAR structure", attempts: 2 });
  expect(star!.points.map((pt) => [pt.n, isoDay(pt.at)])).toEqual([
    [1, "2026-01-05"],
    [2, "2026-03-02"],
  ]);
  expect(p.skills.length).toBeGreaterThan(0);
  expect(p.skills.every((s) => s.attempts >= 1 && s.attempts <= 2)).toBe(true);
  expect(
    p.criteriaCharts.every((c) => c.points.every((pt) => pt.score >= 1 && pt.score <= 5)),
  ).toBe(true);
});

test("charts for the three weakest by default, every series on request; a bad query is a 400", async () => {
  await takeRound(alice, { count: 3, kinds: [] });
  const some = (await progress(alice)).data.progress!;
  expect(some.criteria.length).toBeGreaterThan(3);
  // The three weakest, the ones the summary at the top names.
  expect(some.criteriaCharts.map((c) => c.key)).toEqual(
    some.criteria.slice(0, 3).map((c) => c.key),
  );
  const every = (await progress(alice, "?charts=all")).data.progress!;
  expect(every.criteriaCharts).toHaveLength(every.criteria.length);
  expect(every.skillCharts).toHaveLength(every.skills.length);
  const bad = await progress(alice, "?charts=everything");
  expect(bad.status).toBe(400);
  expect(bad.data.errors).toBeTruthy();
});

test("criteria carry the names of the questions answered, never another question's", async () => {
  // Three behavioural questions share the ids `ownership` and `measurable-result` under different names.
  await answerRound(alice, await practise(alice, "production-incident"), [STORY_ANSWER]);
  await answerRound(alice, await practise(alice, "performance-improvement"), [STORY_ANSWER]);
  // Asked but never answered: their names must not label the answers above.
  await practise(alice, "mentoring-someone");
  await practise(alice, "failure-and-lesson");

  const p = (await progress(alice, "?charts=all")).data.progress!;
  const names = p.criteria.map((c) => c.name);
  expect(names).not.toContain("Measurable growth");
  expect(names).not.toContain("Owning the failure");
  expect(names).not.toContain("Measurable cost and recovery");
  // Each question's own criterion under its own name; one name shared by both questions is one series.
  const byName = Object.fromEntries(p.criteria.map((c) => [c.name, c.attempts]));
  expect(byName).toMatchObject({
    "Measurable impact and result": 1,
    "Measurable result": 1,
    "Personal ownership": 2,
    "STAR structure": 2,
  });
  expect(new Set(names).size).toBe(names.length);
  expect(new Set(p.criteria.map((c) => c.key)).size).toBe(names.length);
  expect(p.criteriaCharts.map((c) => c.name).sort()).toEqual([...names].sort());
});

test("a criterion the question has since dropped keeps the name it was answered under", async () => {
  await answerRound(alice, await practise(alice, "production-incident"), [STORY_ANSWER]);
  // A newer snapshot of the question (a later round) without that criterion.
  const later = await practise(alice, "production-incident");
  const row = getDb().select().from(roundQuestions).where(eq(roundQuestions.roundId, later)).get()!;
  const question = {
    ...row.question,
    rubric: row.question.rubric.filter((c) => c.id !== "measurable-result"),
  };
  getDb().update(roundQuestions).set({ question }).where(eq(roundQuestions.id, row.id)).run();

  const names = (await progress(alice)).data.progress!.criteria.map((c) => c.name);
  expect(names).toContain("Measurable impact and result");
  expect(names).not.toContain("measurable-result");
});
