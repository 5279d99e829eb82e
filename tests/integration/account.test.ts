import type { SubmissionResult } from "@conform-to/react";
import { createHash } from "node:crypto";
import type { ActionFunctionArgs } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import {
  answers,
  gradingLeases,
  llmCalls,
  recordings,
  roundQuestions,
  rounds,
  sessions,
  users,
} from "../../db/schema";
import { resetRateLimitsForTests } from "~/auth/rate-limit.server";
import { getUser, startSession } from "~/auth/session.server";
import { verifyLogin } from "~/auth/users.server";
import { getDb } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { loader as homeLoader } from "~/routes/_index/route";
import { action as accountAction, loader as accountLoader } from "~/routes/account._index/route";
import { action as deleteAction, loader as deleteLoader } from "~/routes/account.delete/route";
import { action as loginAction } from "~/routes/login/route";
import { action as preferencesAction } from "~/routes/preferences/route";
import { action as newQuestionAction } from "~/routes/questions.new/route";
import { action as readinessAction } from "~/routes/readiness/route";
import { action as signupAction } from "~/routes/signup/route";
import { ownQuestion, questionForm } from "../utils/questions";
import { STORY_ANSWER, takeRound, type TestUser } from "../utils/review";
import { noticesAfter } from "../utils/notices";
import { createSignedInUser, get, post, run, type Outcome } from "../utils/routes";
import { writeStory } from "../utils/stories";

/** /account: changing the password and deleting the account (issue 19). */

// A low per-username limit, so a test reaches it in a few requests.
process.env.LOGIN_FAILURES_PER_USERNAME = "3";
resetEnvForTests();
beforeEach(() => resetRateLimitsForTests());

const PASSWORD = "a long enough password"; // createSignedInUser's
const NEW_PASSWORD = "a brand new passphrase";
const IP = "198.51.100.7";

/** Calls an action as server.js would, with the client's address in the load context. */
const fromIp =
  (action: (args: ActionFunctionArgs) => unknown, ip = IP) =>
  (args: ActionFunctionArgs) =>
    action({ ...args, context: { clientIp: ip } });

const changePassword = (who: TestUser, form: Record<string, string>, origin?: string | null) =>
  run(fromIp(accountAction), post("/account?index", form, { cookie: who.cookie, origin }));
const deleteAccount = (who: TestUser, form: Record<string, string>, origin?: string | null) =>
  run(fromIp(deleteAction), post("/account/delete", form, { cookie: who.cookie, origin }));

const signedIn = async (cookie: string) => (await getUser(get("/", cookie)))?.username ?? null;
const sessionIds = (userId: string) =>
  getDb()
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .all()
    .map((s) => s.id);

/** A second browser signed in as the same user. */
async function anotherDevice(who: TestUser): Promise<string> {
  const response = await startSession(who.user.id, "/");
  return response.headers.get("Set-Cookie")!.split(";")[0]!;
}

type FormData = SubmissionResult<string[]>;

function expectFieldError(outcome: Outcome, field: string, pattern: RegExp) {
  expect(outcome.status).toBe(400);
  const data = outcome.data as FormData;
  expect(data.error?.[field]?.join(" ")).toMatch(pattern);
  expectNoSecretsEchoed(outcome);
}

function expectNoSecretsEchoed(outcome: Outcome) {
  const values = (outcome.data as FormData).initialValue;
  for (const secret of ["password", "currentPassword", "newPassword"])
    expect(values).not.toHaveProperty(secret);
  expect(JSON.stringify(outcome.data)).not.toContain(PASSWORD);
  expect(JSON.stringify(outcome.data)).not.toContain(NEW_PASSWORD);
}

const passwordIs = async (who: TestUser, password: string) =>
  (await verifyLogin(who.user.username, password))?.id === who.user.id;

let alice: TestUser;
let bob: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

describe("changing the password", () => {
  test("the new password works, the old does not; other sessions end, this one stays; a notice says so", async () => {
    const laptop = await anotherDevice(alice);
    const bobsCookie = bob.cookie;
    const outcome = await changePassword(alice, {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/account");
    // The same session, the same cookie: the one cookie set is the notice's.
    expect(outcome.headers.getSetCookie()).toEqual([expect.stringMatching(/^notice=/)]);

    expect(await passwordIs(alice, NEW_PASSWORD)).toBe(true);
    expect(await passwordIs(alice, PASSWORD)).toBe(false);
    expect(await signedIn(alice.cookie)).toBe(alice.user.username);
    expect(await signedIn(laptop)).toBeNull();
    expect(sessionIds(alice.user.id)).toHaveLength(1);
    // Nobody else is touched.
    expect(await signedIn(bobsCookie)).toBe(bob.user.username);
    expect(await passwordIs(bob, PASSWORD)).toBe(true);

    const page = await run(accountLoader, get("/account", alice.cookie));
    expect(page.data).toEqual({ username: alice.user.username });
    expect(await noticesAfter(outcome, alice.cookie)).toEqual([
      "Your password was changed. Every other browser and device signed in as you was logged out.",
      null,
    ]);
    // Logging in with the new password works; with the old, it does not.
    const login = (password: string) =>
      run(fromIp(loginAction), post("/login", { username: alice.user.username, password }));
    expect((await login(PASSWORD)).status).toBe(400);
    expect((await login(NEW_PASSWORD)).status).toBe(302);
  });

  test("a wrong current password: 400 on that field, nothing changes, no session ends", async () => {
    const laptop = await anotherDevice(alice);
    const outcome = await changePassword(alice, {
      currentPassword: "not my password",
      newPassword: NEW_PASSWORD,
    });
    expectFieldError(outcome, "currentPassword", /current password is wrong/);
    expect(await passwordIs(alice, PASSWORD)).toBe(true);
    expect(await signedIn(laptop)).toBe(alice.user.username);
    expect(sessionIds(alice.user.id)).toHaveLength(2);
  });

  test.each([
    ["too short", { currentPassword: PASSWORD, newPassword: "short" }, "newPassword", /at least 8/],
    [
      "too long",
      { currentPassword: PASSWORD, newPassword: "x".repeat(129) },
      "newPassword",
      /at most 128/,
    ],
    ["empty", { currentPassword: PASSWORD, newPassword: "" }, "newPassword", /at least 8/],
    ["missing", { currentPassword: PASSWORD }, "newPassword", /required/],
    [
      "the same as the current one",
      { currentPassword: PASSWORD, newPassword: PASSWORD },
      "newPassword",
      /differ/,
    ],
    [
      "with no current password",
      { currentPassword: "", newPassword: NEW_PASSWORD },
      "currentPassword",
      /current password/,
    ],
    [
      "with a current password longer than any",
      { currentPassword: "y".repeat(129), newPassword: NEW_PASSWORD },
      "currentPassword",
      /wrong/,
    ],
  ])(
    "a new password %s is refused with 400 and the same rules as sign-up",
    async (_name, form, field, message) => {
      const outcome = await changePassword(alice, form);
      expectFieldError(outcome, field, message);
      expect(await passwordIs(alice, PASSWORD)).toBe(true);
    },
  );

  test("sign-up applies the same length rules", async () => {
    for (const password of ["short", "x".repeat(129)]) {
      const outcome = await run(signupAction, post("/signup", { username: "rules", password }));
      expect(outcome.status).toBe(400);
    }
  });

  test("malformed posts (no fields, junk only, repeated fields, a file for a password) are 400s that change nothing", async () => {
    const laptop = await anotherDevice(alice);
    expect((await changePassword(alice, {})).status).toBe(400);
    expect(
      (await changePassword(alice, { junk: "x".repeat(1000), ["a".repeat(200)]: "b" })).status,
    ).toBe(400);
    // Repeated fields: the first value wins, as everywhere; here the first is too short.
    const repeated = post("/account?index", {}, { cookie: alice.cookie });
    const body = new URLSearchParams([
      ["currentPassword", PASSWORD],
      ["newPassword", "short"],
      ["newPassword", NEW_PASSWORD],
    ]);
    expect((await run(fromIp(accountAction), new Request(repeated, { body }))).status).toBe(400);
    const multipart = new FormData();
    multipart.append("currentPassword", PASSWORD);
    multipart.append("newPassword", new File([NEW_PASSWORD], "password.txt"));
    const upload = new Request("http://localhost:3000/account?index", {
      method: "POST",
      body: multipart,
      headers: { Cookie: alice.cookie, Origin: "http://localhost:3000" },
    });
    expectFieldError(await run(fromIp(accountAction), upload), "newPassword", /at least 8/);
    expect(await passwordIs(alice, PASSWORD)).toBe(true);
    expect(await signedIn(laptop)).toBe(alice.user.username);
  });

  test("wrong current passwords count against the log-in limit: 429 with Retry-After, even with the right one", async () => {
    for (let i = 0; i < 3; i += 1) {
      expect(
        (
          await changePassword(alice, {
            currentPassword: `guess ${i} wrong`,
            newPassword: NEW_PASSWORD,
          })
        ).status,
      ).toBe(400);
    }
    const limited = await changePassword(alice, {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(limited.status).toBe(429);
    expect((limited.data as FormData).error?.[""]?.join(" ")).toMatch(
      /Too many attempts\. Try again in 15 minutes\./,
    );
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(14 * 60);
    expectNoSecretsEchoed(limited);
    expect(await passwordIs(alice, PASSWORD)).toBe(true);
    // The same count as the log-in form's: log-in from that address is refused too, and so is deletion.
    const login = await run(
      fromIp(loginAction),
      post("/login", { username: alice.user.username, password: PASSWORD }),
    );
    expect(login.status).toBe(429);
    expect((await deleteAccount(alice, { password: PASSWORD })).status).toBe(429);
    expect(getDb().select().from(users).where(eq(users.id, alice.user.id)).get()).toBeDefined();
    // Bob is not limited by Alice's count.
    expect(
      (await changePassword(bob, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status,
    ).toBe(302);
  });

  test("failed log-ins count too, and a successful change forgets the failures", async () => {
    const login = (password: string) =>
      run(fromIp(loginAction), post("/login", { username: alice.user.username, password }));
    expect((await login("wrong password 1")).status).toBe(400);
    expect((await login("wrong password 2")).status).toBe(400);
    expect(
      (await changePassword(alice, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }))
        .status,
    ).toBe(302);
    expect((await login("wrong password 3")).status).toBe(400);
    expect((await login("wrong password 4")).status).toBe(400);
    expect((await login(NEW_PASSWORD)).status).toBe(302);
  });

  test("a form the rules refuse costs no attempt (no password was checked)", async () => {
    for (let i = 0; i < 5; i += 1)
      expect(
        (await changePassword(alice, { currentPassword: PASSWORD, newPassword: "short" })).status,
      ).toBe(400);
    expect(
      (await changePassword(alice, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }))
        .status,
    ).toBe(302);
  });

  test("a cross-site post is refused with 403 and changes nothing", async () => {
    for (const origin of ["https://evil.example", "http://localhost:3001", "null"]) {
      const outcome = await changePassword(
        alice,
        { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
        origin,
      );
      expect(outcome.status).toBe(403);
    }
    const byReferer = post(
      "/account?index",
      { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      { cookie: alice.cookie, origin: null },
    );
    byReferer.headers.set("Referer", "https://evil.example/page");
    expect((await run(fromIp(accountAction), byReferer)).status).toBe(403);
    expect(await passwordIs(alice, PASSWORD)).toBe(true);
  });

  test("signed out: the page and the post redirect to log in, and nothing changes", async () => {
    const page = await run(accountLoader, get("/account"));
    expect(page.status).toBe(302);
    expect(page.location).toBe(`/login?${new URLSearchParams({ redirectTo: "/account" })}`);
    const posted = await run(
      fromIp(accountAction),
      post("/account?index", { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
    );
    expect(posted.status).toBe(302);
    expect(posted.location).toMatch(/^\/login\?/);
    const forged = await run(
      fromIp(accountAction),
      post(
        "/account?index",
        { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
        { cookie: "__session=forged" },
      ),
    );
    expect(forged.location).toMatch(/^\/login\?/);
    expect(await passwordIs(alice, PASSWORD)).toBe(true);
  });
});

/** Every table of the database, by name (SQLite's own and the migrations' bookkeeping aside). */
function tableNames(): string[] {
  return getDb()
    .all<{ name: string }>(
      sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name`,
    )
    .map((t) => t.name);
}

/** A row as the start of its JSON (to read in a failure) and a hash of all of it (to compare). */
function rowDigest(row: Record<string, unknown>): string {
  const json = JSON.stringify(row);
  return `${json.slice(0, 160)} #${createHash("sha256").update(json).digest("hex").slice(0, 16)}`;
}

/**
 * Every row of every table, sorted per table. The per-address rate-limit
 * rows are left out: they count a client address, not a user, and the seeding's
 * requests add to them.
 */
function snapshot(): Record<string, string[]> {
  const all: Record<string, string[]> = {};
  for (const name of tableNames()) {
    const rows = getDb().all<Record<string, unknown>>(sql.raw(`SELECT * FROM "${name}"`));
    all[name] = rows
      .filter((row) => !(name === "rate_limits" && /^(login|signup)-ip:/.test(String(row.key))))
      .map(rowDigest)
      .sort();
  }
  return all;
}

const answerIdsOf = (userId: string) =>
  getDb()
    .select({ id: answers.id })
    .from(answers)
    .innerJoin(roundQuestions, eq(roundQuestions.id, answers.roundQuestionId))
    .innerJoin(rounds, eq(rounds.id, roundQuestions.roundId))
    .where(eq(rounds.userId, userId))
    .all()
    .map((a) => a.id);

/** Gives a user some of everything the app stores, through the real forms where a person would make it. */
async function fillAccount(who: TestUser) {
  const roundId = await takeRound(who, { kinds: ["behavioural"], answers: [STORY_ANSWER] });
  await takeRound(who, { count: 2, answers: [] }); // a round started, nothing written yet
  const [answerId] = answerIdsOf(who.user.id);
  expect(answerId).toBeDefined();
  await writeStory(who, { answerId });
  const question = await run(
    newQuestionAction,
    post("/questions/new", questionForm(ownQuestion(`own-${who.user.username}`)), {
      cookie: who.cookie,
    }),
  );
  expect(question.status, JSON.stringify(question.data)).toBe(302);
  expect(
    (
      await run(
        preferencesAction,
        post("/preferences", { lowAnxiety: "on" }, { cookie: who.cookie }),
      )
    ).status,
  ).toBe(302);
  const scores = await run(
    readinessAction,
    post(
      "/readiness",
      { intent: "self-scores", skill: ["docker"], score: ["3"] },
      { cookie: who.cookie },
    ),
  );
  expect(scores.status, JSON.stringify(scores.data)).toBeLessThan(400);
  await anotherDevice(who);
  // Failed log-ins, counted under the username: from the user's address, and from a stranger's.
  for (const ip of [IP, "203.0.113.66"]) {
    const login = post("/login", { username: who.user.username, password: "wrong guess!" });
    expect((await run(fromIp(loginAction, ip), login)).status).toBe(400);
  }
  // Server bookkeeping no form makes directly: an LLM call counted against the day, and a grading lease.
  const db = getDb();
  const now = new Date();
  db.insert(llmCalls)
    .values({
      userId: who.user.id,
      answerId,
      startedAt: now,
      aliveUntil: now,
      finishedAt: now,
      outcome: "graded",
    })
    .run();
  db.insert(gradingLeases)
    .values({ answerId: answerIdsOf(who.user.id).at(-1)!, holder: "test", expiresAt: now })
    .run();
  // A spoken answer's audio, as the voice answer's upload stores it.
  const audio = Buffer.from("RIFF fake wave bytes");
  db.insert(recordings)
    .values({
      answerId: answerId!,
      mimeType: "audio/wav",
      bytes: audio.length,
      status: "untranscribed",
      audio,
    })
    .run();
  return roundId;
}

describe("deleting the account", () => {
  test("removes every row of that user in every table, and not one row of anyone else's", async () => {
    await fillAccount(bob);
    const before = snapshot();
    const carol = await createSignedInUser("carol");
    await fillAccount(carol);
    // Every table (present and future) must hold some of Carol's data, or this test is not testing it.
    const filled = snapshot();
    for (const name of tableNames()) {
      expect(
        filled[name]!.length,
        `no row of Carol's in ${name}: fill it in fillAccount`,
      ).toBeGreaterThan(before[name]!.length);
    }

    const page = await run(deleteLoader, get("/account/delete", carol.cookie));
    expect(page.data).toEqual({
      username: carol.user.username,
      rounds: 2,
      stories: 1,
      questions: 1,
    });

    const outcome = await deleteAccount(carol, { password: PASSWORD });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/");
    const [session, notice] = outcome.headers.getSetCookie();
    expect(session).toMatch(/^__session=;.*Max-Age=0/i);
    expect(notice).toMatch(/^notice=/);
    expect(snapshot()).toEqual(before);
    expect(await signedIn(carol.cookie)).toBeNull();
    expect(await signedIn(bob.cookie)).toBe(bob.user.username);

    const home = await run(homeLoader, get("/"));
    expect(home.data).toEqual({ rounds: null });
    // Signed out, the home page says what happened, once.
    expect(await noticesAfter(outcome, carol.cookie)).toEqual([
      "Your account and all its data were deleted, and you were logged out.",
      null,
    ]);
    // The name is free again, and a new account under it starts empty.
    const again = await run(
      signupAction,
      post("/signup", { username: carol.user.username, password: PASSWORD }),
    );
    expect(again.status).toBe(302);
  });

  test("an LLM call already detached from its answer (the round was deleted) goes with its user too", async () => {
    const now = new Date();
    getDb()
      .insert(llmCalls)
      .values({ userId: alice.user.id, answerId: null, startedAt: now, aliveUntil: now })
      .run();
    expect((await deleteAccount(alice, { password: PASSWORD })).status).toBe(302);
    expect(getDb().select().from(llmCalls).where(eq(llmCalls.userId, alice.user.id)).all()).toEqual(
      [],
    );
  });

  test("a wrong or missing password deletes nothing and says so", async () => {
    await takeRound(alice);
    const before = snapshot();
    const wrong = await deleteAccount(alice, { password: "not my password" });
    expectFieldError(wrong, "password", /wrong\. Nothing was deleted/);
    expectFieldError(await deleteAccount(alice, {}), "password", /Enter your password/);
    expectFieldError(
      await deleteAccount(alice, { password: "" }),
      "password",
      /Enter your password/,
    );
    // Only the wrong password's count under Alice's name was added (the empty forms checked nothing).
    const { rate_limits: counted, ...after } = snapshot();
    const { rate_limits: _none, ...expected } = before;
    expect(after).toEqual(expected);
    expect(counted).toEqual([
      expect.stringMatching(`"key":"login-user:${alice.user.username}@${IP}","points":1,`),
    ]);
    expect(await signedIn(alice.cookie)).toBe(alice.user.username);
  });

  test("wrong passwords count against the log-in limit", async () => {
    for (let i = 0; i < 3; i += 1)
      expect((await deleteAccount(alice, { password: `wrong ${i} guess` })).status).toBe(400);
    const limited = await deleteAccount(alice, { password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await signedIn(alice.cookie)).toBe(alice.user.username);
  });

  test("a cross-site post is refused with 403 and deletes nothing", async () => {
    const before = snapshot();
    expect(
      (await deleteAccount(alice, { password: PASSWORD }, "https://evil.example")).status,
    ).toBe(403);
    expect(snapshot()).toEqual(before);
  });

  test("signed out: the page and the post redirect to log in", async () => {
    const page = await run(deleteLoader, get("/account/delete"));
    expect(page.status).toBe(302);
    expect(page.location).toBe(`/login?${new URLSearchParams({ redirectTo: "/account/delete" })}`);
    const before = snapshot();
    const posted = await run(fromIp(deleteAction), post("/account/delete", { password: PASSWORD }));
    expect(posted.location).toMatch(/^\/login\?/);
    expect(snapshot()).toEqual(before);
  });

  test("it is one transaction: a failure part-way leaves every row in place", async () => {
    await fillAccount(alice);
    const before = snapshot();
    // A trigger that fails the delete of Alice's last table row makes the cascade fail mid-way.
    getDb().run(
      sql.raw(
        `CREATE TEMP TRIGGER fail_mid_delete BEFORE DELETE ON main.grading_leases BEGIN SELECT RAISE(ABORT, 'boom'); END`,
      ),
    );
    try {
      await expect(deleteAccount(alice, { password: PASSWORD })).rejects.toThrow(/boom/);
    } finally {
      getDb().run(sql`DROP TRIGGER fail_mid_delete`);
    }
    // The right password forgot Alice's failed log-in from her own address (before the deletion began);
    // apart from that not one row changed, the stranger's count under her name included.
    const forgotten = `"key":"login-user:${alice.user.username}@${IP}"`;
    expect(snapshot()).toEqual({
      ...before,
      rate_limits: before.rate_limits!.filter((row) => !row.includes(forgotten)),
    });
    expect(
      before.rate_limits!.filter((row) => row.includes(`login-user:${alice.user.username}@`)),
    ).toHaveLength(2);
    expect(sessionIds(alice.user.id)).toHaveLength(2);
    expect(await signedIn(alice.cookie)).toBe(alice.user.username);
  });
});
