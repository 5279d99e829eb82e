import { beforeEach, expect, test } from "vitest";
import {
  action as preferencesAction,
  loader as preferencesLoader,
} from "~/routes/preferences/route";
import {
  action as questionAction,
  loader as questionLoader,
} from "~/routes/rounds.$roundId.questions.$position._index/route";
import { noticesAfter } from "../utils/notices";
import { createSignedInUser, get, post, run } from "../utils/routes";
import { openQuestion, takeRound, GOOD_ANSWER, type TestUser } from "../utils/review";

/** Issue 18, item 6: a preference to read each question and follow-up aloud when it opens. */

const save = (who: TestUser, form: Record<string, string>, origin?: string) =>
  run(preferencesAction, post("/preferences", form, { cookie: who.cookie, origin }));
const preferencesOf = async (who: TestUser) =>
  (await run(preferencesLoader, get("/preferences", who.cookie))).data as {
    lowAnxiety: boolean;
    readAloud: boolean;
  };
/** A fresh one-question round, its question opened: whether the page asks to read it aloud. */
async function autoReadOnOpen(who: TestUser) {
  const roundId = await takeRound(who, { answers: [] });
  const page = await openQuestion(who, roundId, 1);
  expect(page.status).toBe(200);
  return { roundId, autoRead: (page.data as { autoRead: boolean }).autoRead };
}

let alice: TestUser;
let bob: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

test("reading aloud is off by default, switched on and off per user, beside low-anxiety mode", async () => {
  expect(await preferencesOf(alice)).toMatchObject({ readAloud: false, lowAnxiety: false });
  const on = await save(alice, { readAloud: "on" });
  expect(on.status).toBe(302);
  expect(on.location).toBe("/preferences");
  expect(await noticesAfter(on, alice.cookie)).toEqual(["Preferences saved.", null]);
  expect(await preferencesOf(alice)).toMatchObject({ readAloud: true, lowAnxiety: false });
  expect((await preferencesOf(bob)).readAloud).toBe(false);
  await save(alice, { readAloud: "on", lowAnxiety: "on" });
  expect(await preferencesOf(alice)).toMatchObject({ readAloud: true, lowAnxiety: true });
  await save(alice, { lowAnxiety: "on" });
  expect(await preferencesOf(alice)).toMatchObject({ readAloud: false, lowAnxiety: true });
});

test(
  "an open question's page asks to be read aloud only for a user who chose it, and no longer once answered",
  { timeout: 60_000 },
  async () => {
    await save(alice, { readAloud: "on" });
    const opened = await autoReadOnOpen(alice);
    expect(opened.autoRead).toBe(true);
    expect((await autoReadOnOpen(bob)).autoRead).toBe(false);

    const path = `/rounds/${opened.roundId}/questions/1`;
    const submitted = await run(
      questionAction,
      post(path, { intent: "submit", answer: GOOD_ANSWER }, { cookie: alice.cookie }),
      { roundId: opened.roundId, position: "1" },
    );
    expect(submitted.status).toBe(302);
    const after = await run(questionLoader, get(path, alice.cookie), {
      roundId: opened.roundId,
      position: "1",
    });
    expect((after.data as { autoRead: boolean }).autoRead).toBe(false);
  },
);

test.each([
  ["a malformed value", { readAloud: "yes" }],
  ["an over-long value", { readAloud: "on".repeat(5000) }],
  ["an empty value", { readAloud: "" }],
])("%s is a 400 and changes nothing", async (_name, form) => {
  await save(alice, { readAloud: "on" });
  const outcome = await save(alice, form);
  expect(outcome.status).toBe(400);
  expect((await preferencesOf(alice)).readAloud).toBe(true);
});

test("signed-out and cross-site posts change nothing", async () => {
  expect((await run(preferencesAction, post("/preferences", { readAloud: "on" }))).status).toBe(
    302,
  );
  expect((await save(alice, { readAloud: "on" }, "https://evil.example")).status).toBe(403);
  expect((await preferencesOf(alice)).readAloud).toBe(false);
});
