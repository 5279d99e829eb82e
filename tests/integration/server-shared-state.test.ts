import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { buildApp, startServer, type RunningServer } from "../utils/production-server";

/**
 * Issue 14, defects 5, 7 and 8, through real server processes: limits and
 * gradings shared by every process on one database, and answers a crash left
 * ungraded graded without anyone visiting.
 */

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };
const PASSWORD = "a long enough password";
const ANSWER =
  "REST models the domain as resources such as /orders/42 identified by URIs, and the HTTP method carries the intent. " +
  "GET is idempotent, so clients can retry it safely, while POST needs an idempotency key.";

let buildDir: string;
let dataDir: string;
let running: RunningServer[] = [];

beforeAll(() => {
  buildDir = buildApp();
}, 120_000);
afterEach(async () => {
  await Promise.all(running.map((s) => s.stop("SIGKILL")));
  running = [];
});
afterAll(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function freshDatabase(): string {
  dataDir = mkdtempSync(path.join(tmpdir(), "rehearse-shared-"));
  return path.join(dataDir, "app.db");
}

async function serve(database: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const server = await startServer(buildDir, {
    DATABASE_PATH: database,
    SESSION_SECRET: "shared-state-secret-shared-state-secret",
    ...env,
  });
  running.push(server);
  return server;
}

function post(
  server: RunningServer,
  to: string,
  form: Record<string, string | string[]>,
  headers: Record<string, string> = {},
) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form))
    for (const v of [value].flat()) body.append(key, v);
  return fetch(`${server.baseURL}${to}`, {
    method: "POST",
    headers: { ...FORM, Origin: server.baseURL, ...headers },
    body,
    redirect: "manual",
  });
}

async function signUp(server: RunningServer, username: string): Promise<string> {
  const response = await post(server, "/signup", { username, password: PASSWORD });
  expect(response.status).toBe(302);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

/** A round of one question, started and answered through the server: the answer's id and its page. */
async function submittedAnswer(server: RunningServer, cookie: string) {
  const round = await post(
    server,
    "/rounds/new",
    { band: "3-5", count: "1", minutes: "5", kinds: ["concept"] },
    { Cookie: cookie },
  );
  expect(round.status).toBe(302);
  const roundId = round.headers.get("location")!.split("/")[2]!;
  const page = `/rounds/${roundId}/questions/1`;
  const start = await post(server, `${page}/start`, {}, { Cookie: cookie });
  expect([302, 303]).toContain(start.status);
  const submitted = await post(
    server,
    page,
    { intent: "submit", answer: ANSWER },
    { Cookie: cookie },
  );
  expect(submitted.status).toBe(302);
  return { roundId, page };
}

function readDb<T>(database: string, query: string, ...params: unknown[]): T[] {
  const db = new Database(database, { readonly: true });
  try {
    return db.prepare(query).all(...params) as T[];
  } finally {
    db.close();
  }
}

const gradesOfRound = (database: string, roundId: string) =>
  readDb<{ answer_id: string; grader: string }>(
    database,
    `select g.answer_id, g.grader from grades g join answers a on a.id = g.answer_id
     join round_questions rq on rq.id = a.round_question_id where rq.round_id = ?`,
    roundId,
  );

describe("log-in limits shared by two processes on one database", () => {
  test("failures at either server count towards one limit", { timeout: 60_000 }, async () => {
    const database = freshDatabase();
    const env = { LOGIN_FAILURES_PER_USERNAME: "4" };
    const a = await serve(database, env);
    const b = await serve(database, env);
    await signUp(a, "shared");
    const login = (server: RunningServer, password: string) =>
      post(server, "/login", { username: "shared", password });
    for (const server of [a, b, a, b])
      expect((await login(server, "wrong password!")).status).toBe(400);
    // Each process alone has seen two failures; together four: the limit holds at both.
    expect((await login(a, PASSWORD)).status).toBe(429);
    expect((await login(b, PASSWORD)).status).toBe(429);
  });

  test(
    "the owner logs in from another address while a stranger is being limited",
    { timeout: 60_000 },
    async () => {
      const database = freshDatabase();
      // Behind a proxy on loopback, so the test can speak from two client addresses.
      const server = await serve(database, {
        LOGIN_FAILURES_PER_USERNAME: "3",
        TRUST_PROXY: "loopback",
      });
      await signUp(server, "owner");
      const from = (address: string, password: string) =>
        post(server, "/login", { username: "owner", password }, { "X-Forwarded-For": address });
      for (let i = 0; i < 5; i += 1) await from("203.0.113.66", "wrong password!");
      expect((await from("203.0.113.66", PASSWORD)).status).toBe(429);
      const owner = await from("198.51.100.7", PASSWORD);
      expect(owner.status).toBe(302);
      expect(owner.headers.get("set-cookie")).toMatch(/__session=/);
    },
  );
});

async function streamEvents(server: RunningServer, page: string, cookie: string): Promise<string> {
  const response = await fetch(`${server.baseURL}${page}/grade-stream?slot=0`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: server.baseURL },
  });
  expect(response.status).toBe(200);
  return response.text();
}

describe("one grading per answer across processes", () => {
  test(
    "two servers asked to grade the same answer at once grade it once",
    { timeout: 120_000 },
    async () => {
      const database = freshDatabase();
      const env = { MOCKS: "true", GRADER: "auto" };
      const a = await serve(database, env);
      const b = await serve(database, env);
      const cookie = await signUp(a, "twice");
      const { roundId, page } = await submittedAnswer(a, cookie);
      const [fromA, fromB] = await Promise.all([
        streamEvents(a, page, cookie),
        streamEvents(b, page, cookie),
      ]);
      expect(fromA).toMatch(/event: done/);
      expect(fromB).toMatch(/event: done/);
      const stored = gradesOfRound(database, roundId);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.grader).toBe("openai");
    },
  );
});

describe("answers a crash left ungraded", () => {
  test(
    "kill -9 during an LLM grading: after restart the answer is graded without anyone visiting",
    { timeout: 120_000 },
    async () => {
      const database = freshDatabase();
      const env = {
        MOCKS: "true",
        GRADER: "auto",
        GRADING_LEASE_MS: "2000",
        GRADING_SWEEP_INTERVAL_MS: "1000",
      };
      const first = await serve(database, env);
      const cookie = await signUp(first, "crash");
      const { roundId, page } = await submittedAnswer(first, cookie);

      // Open the grade stream and kill the server as soon as the model has started answering.
      const response = await fetch(`${first.baseURL}${page}/grade-stream?slot=0`, {
        method: "POST",
        headers: { Cookie: cookie, Origin: first.baseURL },
      });
      const reader = response.body!.getReader();
      let seen = "";
      while (!seen.includes("event: progress")) {
        const { value, done } = await reader.read();
        if (done) break;
        seen += new TextDecoder().decode(value);
      }
      expect(seen).toContain("event: progress");
      const callsRunning = () =>
        readDb<{ n: number }>(
          database,
          "select count(*) as n from llm_calls where finished_at is null",
        )[0]!.n;
      const waitUntil = Date.now() + 10_000;
      while (callsRunning() === 0 && Date.now() < waitUntil)
        await new Promise((r) => setTimeout(r, 20));
      await first.stop("SIGKILL");
      await reader.cancel().catch(() => {});
      expect(gradesOfRound(database, roundId)).toHaveLength(0);
      // Killed mid-call: the call was under way.
      expect(callsRunning()).toBeGreaterThan(0);

      // Restarted: nobody opens the answer; the sweep grades it.
      await serve(database, env);
      const until = Date.now() + 60_000;
      while (gradesOfRound(database, roundId).length === 0 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 250));
      }
      const stored = gradesOfRound(database, roundId);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.grader).toBe("openai");
    },
  );
});
