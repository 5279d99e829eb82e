import { count } from "drizzle-orm";
import { beforeEach, expect, test } from "vitest";
import { grades } from "../../db/schema";
import { getDb } from "~/db.server";
import { loader as rootLoader } from "~/root";
import {
  action as preferencesAction,
  loader as preferencesLoader,
} from "~/routes/preferences/route";
import { loader as reportLoader } from "~/routes/rounds.$roundId.report/route";
import { noticesAfter } from "../utils/notices";
import { createSignedInUser, get, post, run } from "../utils/routes";
import { takeRound, type TestUser } from "../utils/review";

const save = (who: TestUser, form: Record<string, string>, origin?: string) =>
  run(preferencesAction, post("/preferences", form, { cookie: who.cookie, origin }));
const lowAnxietyOf = async (who: TestUser) =>
  ((await run(preferencesLoader, get("/preferences", who.cookie))).data as { lowAnxiety: boolean })
    .lowAnxiety;

let alice: TestUser;
let bob: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

test("low-anxiety mode is off by default, switched on and off per user, and reaches every page through the root loader", async () => {
  expect(await lowAnxietyOf(alice)).toBe(false);
  const on = await save(alice, { lowAnxiety: "on" });
  expect(on.status).toBe(302);
  expect(on.location).toBe("/preferences");
  expect(await noticesAfter(on, alice.cookie)).toEqual(["Preferences saved.", null]);
  expect(await lowAnxietyOf(alice)).toBe(true);
  expect(await lowAnxietyOf(bob)).toBe(false);
  const root = (await run(rootLoader, get("/", alice.cookie))).data as {
    user: { lowAnxiety: boolean };
  };
  expect(root.user.lowAnxiety).toBe(true);
  await save(alice, {});
  expect(await lowAnxietyOf(alice)).toBe(false);
});

test("scores are still graded and stored in low-anxiety mode", async () => {
  await save(alice, { lowAnxiety: "on" });
  const roundId = await takeRound(alice);
  const report = (
    await run(reportLoader, get(`/rounds/${roundId}/report`, alice.cookie), { roundId })
  ).data as { average: number };
  expect(report.average).toBeGreaterThanOrEqual(1);
  expect(getDb().select({ n: count() }).from(grades).get()!.n).toBeGreaterThan(0);
});

test.each([
  ["a malformed value", { lowAnxiety: "yes" }],
  ["an over-long value", { lowAnxiety: "on".repeat(5000) }],
  ["an empty value", { lowAnxiety: "" }],
])("%s is a 400 and changes nothing", async (_name, form) => {
  await save(alice, { lowAnxiety: "on" });
  const outcome = await save(alice, form);
  expect(outcome.status).toBe(400);
  expect(await lowAnxietyOf(alice)).toBe(true);
});

test("signed-out and cross-site posts change nothing", async () => {
  expect((await run(preferencesAction, post("/preferences", { lowAnxiety: "on" }))).status).toBe(
    302,
  );
  expect((await save(alice, { lowAnxiety: "on" }, "https://evil.example")).status).toBe(403);
  expect(await lowAnxietyOf(alice)).toBe(false);
});
