import { beforeEach, expect, test } from "vitest";
import { loader as progressLoader } from "~/routes/progress";
import { createSignedInUser, get, run } from "../utils/routes";
import { backdateRound, STORY_ANSWER, takeRound, type TestUser } from "../utils/review";

interface SeriesData {
  key: string;
  name: string;
  recent: number;
  average: number;
  attempts: number;
  points: { period: string; average: number; count: number }[];
}
interface ProgressData {
  progress: {
    bucket: string;
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
  expect(p.bucket).toBe("week");
  const recents = p.criteria.map((c) => c.recent);
  expect(recents).toEqual([...recents].sort((a, b) => a - b));
  const star = p.criteriaCharts.find((c) => c.key === "star-structure");
  expect(star).toMatchObject({ name: "STAR structure", attempts: 2 });
  expect(star!.points.map((pt) => pt.period)).toEqual(["2026-01-05", "2026-03-02"]);
  expect(p.skills.length).toBeGreaterThan(0);
  expect(p.skills.every((s) => s.attempts >= 1 && s.attempts <= 2)).toBe(true);
  expect(
    p.criteriaCharts.every((c) => c.points.every((pt) => pt.average >= 1 && pt.average <= 5)),
  ).toBe(true);
});

test("charts for the weakest few by default, every series on request; a bad query is a 400", async () => {
  await takeRound(alice, { count: 3, kinds: [] });
  const some = (await progress(alice)).data.progress!;
  expect(some.criteria.length).toBeGreaterThan(6);
  expect(some.criteriaCharts.map((c) => c.key)).toEqual(
    some.criteria.slice(0, 6).map((c) => c.key),
  );
  const every = (await progress(alice, "?charts=all")).data.progress!;
  expect(every.criteriaCharts).toHaveLength(every.criteria.length);
  expect(every.skillCharts).toHaveLength(every.skills.length);
  const bad = await progress(alice, "?charts=everything");
  expect(bad.status).toBe(400);
  expect(bad.data.errors).toBeTruthy();
});
