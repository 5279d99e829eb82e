import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { users } from "../../db/schema";
import { resetRateLimitsForTests } from "~/auth/rate-limit.server";
import { createUser } from "~/auth/users.server";
import { getDb } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { action as loginAction } from "~/routes/login/route";
import { action as signupAction } from "~/routes/signup/route";
import { post, run } from "../utils/routes";

// Low limits, so a test reaches them in a few requests.
process.env.LOGIN_ATTEMPTS_PER_IP = "6";
process.env.LOGIN_FAILURES_PER_USERNAME = "3";
process.env.SIGNUPS_PER_IP = "2";
resetEnvForTests();

const PASSWORD = "correct horse battery";
const LOGIN_WINDOW = 15 * 60;

beforeEach(() => resetRateLimitsForTests());

let counter = 0;
async function newUser(prefix = "limited"): Promise<string> {
  counter += 1;
  const username = `${prefix}${counter}`;
  await createUser(username, PASSWORD);
  return username;
}

/** Calls an action as server.js would, with the client's address in the load context (or none). */
function from(ip: string | null, action: (args: ActionFunctionArgs) => unknown) {
  return (args: ActionFunctionArgs) =>
    action({ ...args, context: ip === null ? {} : { clientIp: ip } });
}

const login = (ip: string | null, username: string, password: string) =>
  run(from(ip, loginAction), post("/login", { username, password }));

const signup = (ip: string | null, username: string, password = PASSWORD) =>
  run(from(ip, signupAction), post("/signup", { username, password }));

type FormData = SubmissionResult<string[]>;

function expectLimited(result: Awaited<ReturnType<typeof run>>, minutes: number, username: string) {
  expect(result.status).toBe(429);
  const data = result.data as FormData;
  expect(data.error?.[""]).toEqual([`Too many attempts. Try again in ${minutes} minutes.`]);
  expect(data.initialValue).toEqual({ username });
  const retryAfter = Number(result.headers.get("Retry-After"));
  expect(retryAfter).toBeGreaterThan(minutes * 60 - 5);
  expect(retryAfter).toBeLessThanOrEqual(minutes * 60);
  expect(result.headers.get("Set-Cookie")).toBeNull();
}

describe("login, per username and client address", () => {
  test("after 3 failures from one address the username is refused there with 429, even with the right password", async () => {
    const username = await newUser();
    for (let i = 0; i < 3; i += 1) {
      expect((await login("198.51.100.1", username, "wrong password!")).status).toBe(400);
    }
    expectLimited(await login("198.51.100.1", username, PASSWORD), 15, username);
  });

  test("issue 14: the owner logs in from another address while a stranger is being limited", async () => {
    const username = await newUser();
    // The stranger guesses until refused, and keeps trying.
    for (let i = 0; i < 3; i += 1) await login("198.51.100.66", username, "wrong password!");
    for (let i = 0; i < 3; i += 1)
      expect((await login("198.51.100.66", username, "wrong password!")).status).toBe(429);
    // The owner, elsewhere, is not locked out.
    const owner = await login("192.0.2.200", username, PASSWORD);
    expect(owner.status).toBe(302);
    expect(owner.headers.get("Set-Cookie")).toMatch(/__session=/);
    // And the owner's success does not free the stranger.
    expect((await login("198.51.100.66", username, PASSWORD)).status).toBe(429);
  });

  test("a successful login clears that address's failures for the username", async () => {
    const username = await newUser();
    for (let i = 0; i < 2; i += 1)
      expect((await login("198.51.100.3", username, "wrong password!")).status).toBe(400);
    expect((await login("198.51.100.3", username, PASSWORD)).status).toBe(302);
    for (let i = 0; i < 3; i += 1)
      expect((await login("198.51.100.3", username, "wrong password!")).status).toBe(400);
    expect((await login("198.51.100.3", username, PASSWORD)).status).toBe(429);
  });

  test("another user is unaffected by a locked username", async () => {
    const locked = await newUser();
    const other = await newUser();
    for (let i = 0; i < 4; i += 1) await login("198.51.100.10", locked, "wrong password!");
    expect((await login("198.51.100.10", locked, PASSWORD)).status).toBe(429);
    const result = await login("198.51.100.10", other, PASSWORD);
    expect(result.status).toBe(302);
    expect(result.headers.get("Set-Cookie")).toMatch(/__session=/);
  });

  test("usernames are counted case-insensitively, like logins", async () => {
    const username = await newUser();
    for (const spelling of [username, username.toUpperCase(), ` ${username} `]) {
      expect((await login("198.51.100.20", spelling, "wrong password!")).status).toBe(400);
    }
    // The form shows the name as it was typed, not as it was counted.
    expectLimited(
      await login("198.51.100.20", username.toUpperCase(), PASSWORD),
      15,
      username.toUpperCase(),
    );
  });

  test("parallel guesses cannot slip past the limit while passwords are being checked", async () => {
    const username = await newUser();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => login("198.51.100.30", username, `wrong password ${i}`)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([400, 400, 400, 429, 429, 429, 429, 429, 429, 429]);
  });

  test("without a client address (no server.js) the username limit still holds", async () => {
    const username = await newUser();
    for (let i = 0; i < 3; i += 1)
      expect((await login(null, username, "wrong password!")).status).toBe(400);
    expect((await login(null, username, PASSWORD)).status).toBe(429);
  });

  test("the counts live in the database, not in the process: a fresh limiter sees them", async () => {
    const username = await newUser();
    for (let i = 0; i < 3; i += 1) await login("198.51.100.40", username, "wrong password!");
    const rows = getDb().all<{ key: string }>(
      sql`select key from rate_limits where key like ${`%${username}%`}`,
    );
    expect(rows.length).toBe(1);
  });
});

describe("login, per client address", () => {
  test("the 7th attempt from one address is refused, whatever the username; other addresses are not", async () => {
    const usernames = await Promise.all(Array.from({ length: 7 }, () => newUser("spray")));
    for (const username of usernames.slice(0, 6)) {
      expect((await login("203.0.113.7", username, "wrong password!")).status).toBe(400);
    }
    expectLimited(await login("203.0.113.7", usernames[6]!, PASSWORD), 15, usernames[6]!);
    // The refused attempt did not count against that username.
    expect((await login("203.0.113.8", usernames[6]!, PASSWORD)).status).toBe(302);
  });

  test("successful logins count as attempts too", async () => {
    const username = await newUser();
    for (let i = 0; i < 6; i += 1)
      expect((await login("203.0.113.9", username, PASSWORD)).status).toBe(302);
    expect((await login("203.0.113.9", username, PASSWORD)).status).toBe(429);
  });

  test("malformed forms count, and the typed username is kept on the 429", async () => {
    for (let i = 0; i < 6; i += 1) expect((await login("203.0.113.10", "", "")).status).toBe(400);
    const result = await login("203.0.113.10", "x", "short");
    expect(result.status).toBe(429);
    expect((result.data as FormData).initialValue).toEqual({ username: "x" });
    expect((result.data as FormData).initialValue).not.toHaveProperty("password");
  });

  test("an IPv6 client is counted per /64, and an IPv4-mapped address as its IPv4 address", async () => {
    for (let i = 1; i <= 6; i += 1)
      await login(`2001:db8:1:2::${i.toString(16)}`, "nobody", "wrong password!");
    expect((await login("2001:db8:1:2:ffff:ffff:ffff:ffff", "nobody2", "x".repeat(8))).status).toBe(
      429,
    );
    expect((await login("2001:db8:1:3::1", "nobody2", "x".repeat(8))).status).toBe(400);

    for (let i = 0; i < 6; i += 1) await login("192.0.2.44", "nobody3", "wrong password!");
    expect((await login("::ffff:192.0.2.44", "nobody4", "x".repeat(8))).status).toBe(429);
  });

  test("without a client address there is no shared bucket to lock everyone out", async () => {
    const usernames = await Promise.all(Array.from({ length: 8 }, () => newUser("noaddr")));
    for (const username of usernames)
      expect((await login(null, username, "wrong password!")).status).toBe(400);
  });

  test("the message says how long to wait, in whole minutes", async () => {
    for (let i = 0; i < 6; i += 1) await login("203.0.113.11", "nobody", "wrong password!");
    const result = await login("203.0.113.11", "nobody", "wrong password!");
    expect(Number(result.headers.get("Retry-After"))).toBeGreaterThan(LOGIN_WINDOW - 5);
    expect((result.data as FormData).error?.[""]?.[0]).toBe(
      "Too many attempts. Try again in 15 minutes.",
    );
  });
});

describe("sign-up, per client address", () => {
  const exists = (username: string) =>
    getDb().select().from(users).where(eq(users.username, username)).get() !== undefined;

  test("the 3rd sign-up from one address in an hour is refused: 429, username kept, no account", async () => {
    expect((await signup("203.0.113.20", "first-signup")).status).toBe(302);
    expect((await signup("203.0.113.20", "second-signup")).status).toBe(302);
    expectLimited(await signup("203.0.113.20", "third-signup"), 60, "third-signup");
    expect(exists("third-signup")).toBe(false);
    // Another address is not affected.
    expect((await signup("203.0.113.21", "third-signup")).status).toBe(302);
    expect(exists("third-signup")).toBe(true);
  });

  test("probing taken names counts; forms with mistakes do not", async () => {
    const taken = await newUser();
    for (let i = 0; i < 5; i += 1)
      expect((await signup("203.0.113.22", "", "short")).status).toBe(400);
    expect((await signup("203.0.113.22", taken)).status).toBe(400);
    expect((await signup("203.0.113.22", taken)).status).toBe(400);
    expect((await signup("203.0.113.22", "fresh-name")).status).toBe(429);
    expect(exists("fresh-name")).toBe(false);
  });

  test("a cross-site post is refused before it is counted", async () => {
    const crossSite = (username: string) =>
      run(
        from("203.0.113.23", signupAction),
        post("/signup", { username, password: PASSWORD }, { origin: "https://evil.example" }),
      );
    for (let i = 0; i < 3; i += 1) expect((await crossSite(`csrf${i}`)).status).toBe(403);
    expect((await signup("203.0.113.23", "after-csrf")).status).toBe(302);
  });
});
