import { request } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import {
  buildApp,
  startServer,
  type RunningServer,
  type StartOptions,
} from "../utils/production-server";

/**
 * Issue 19, running it for real: two cluster workers on one database share one
 * log-in limit and grade an answer once; every request is one JSON log line
 * that never carries a password, cookie, answer or query string; SIGTERM lets
 * a grading in progress finish and the process exit 0.
 */

const PASSWORD = "a long enough password";
const ANSWER_MARKER = "zebracorn";
const ANSWER =
  `REST models the domain as resources such as /orders/42 identified by URIs (${ANSWER_MARKER}), and the HTTP method carries the intent. ` +
  "GET is idempotent, so clients can retry it safely, while POST needs an idempotency key.";

let buildDir: string;
const dirs: string[] = [];
let running: RunningServer[] = [];

beforeAll(() => {
  buildDir = buildApp();
}, 180_000);
afterEach(async () => {
  await Promise.all(running.map((s) => s.stop("SIGKILL")));
  running = [];
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freshDatabase(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "rehearse-ops-"));
  dirs.push(dir);
  return path.join(dir, "app.db");
}

async function serve(
  database: string,
  env: Record<string, string>,
  options: StartOptions = {},
): Promise<RunningServer> {
  const server = await startServer(
    buildDir,
    { DATABASE_PATH: database, SESSION_SECRET: "operations-secret-operations-secret-0123", ...env },
    undefined,
    { healthTimeoutMs: 120_000, ...options },
  );
  running.push(server);
  return server;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The worker that answered (the X-Worker-Pid header, sent under NODE_ENV=test). */
  pid: string | undefined;
}

/**
 * One request on a new connection (no keep-alive), so the cluster hands each
 * request to the next worker rather than to the one that owns the connection.
 */
function send(
  server: RunningServer,
  method: string,
  to: string,
  options: { form?: Record<string, string | string[]>; cookie?: string } = {},
): Promise<Reply> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(options.form ?? {}))
    for (const v of [value].flat()) body.append(key, v);
  const payload = method === "GET" ? "" : body.toString();
  const headers: Record<string, string> = { Origin: server.baseURL, Connection: "close" };
  if (method !== "GET") {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    headers["Content-Length"] = String(Buffer.byteLength(payload));
  }
  if (options.cookie) headers.Cookie = options.cookie;
  return new Promise((resolve, reject) => {
    const req = request(`${server.baseURL}${to}`, { method, headers, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: text,
          pid: res.headers["x-worker-pid"] as string | undefined,
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(payload);
  });
}

async function signUp(server: RunningServer, username: string): Promise<string> {
  const reply = await send(server, "POST", "/signup", { form: { username, password: PASSWORD } });
  expect(reply.status).toBe(302);
  return (reply.headers["set-cookie"] as string[])[0]!.split(";")[0]!;
}

/** A one-question round, started and answered: the question's page. */
async function submittedAnswer(server: RunningServer, cookie: string): Promise<string> {
  const round = await send(server, "POST", "/rounds/new", {
    form: { band: "3-5", count: "1", minutes: "5", kinds: ["concept"] },
    cookie,
  });
  expect(round.status).toBe(302);
  const page = `/rounds/${String(round.headers.location).split("/")[2]}/questions/1`;
  expect([302, 303]).toContain((await send(server, "POST", `${page}/start`, { cookie })).status);
  const submitted = await send(server, "POST", page, {
    form: { intent: "submit", answer: ANSWER },
    cookie,
  });
  expect(submitted.status).toBe(302);
  return page;
}

function count(database: string, query: string): number {
  const db = new Database(database, { readonly: true });
  try {
    return (db.prepare(query).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const gradeCount = (database: string) => count(database, "select count(*) as n from grades");

/** Waits until both workers have answered /healthz (the second may still be starting). */
async function bothWorkers(server: RunningServer): Promise<Set<string>> {
  const seen = new Set<string>();
  const until = Date.now() + 120_000;
  while (seen.size < 2 && Date.now() < until) {
    const reply = await send(server, "GET", "/healthz").catch(() => null);
    if (reply?.pid) seen.add(reply.pid);
    else await new Promise((r) => setTimeout(r, 200));
  }
  expect(seen.size).toBe(2);
  return seen;
}

describe("WEB_CONCURRENCY=2: two workers on one database", () => {
  test(
    "one log-in failure limit and one grading per answer, whichever worker answers; SIGTERM stops both, exit 0",
    { timeout: 300_000 },
    async () => {
      const database = freshDatabase();
      const server = await serve(database, {
        WEB_CONCURRENCY: "2",
        NODE_ENV: "test",
        MOCKS: "true",
        GRADER: "auto",
        LOGIN_FAILURES_PER_USERNAME: "4",
      });
      const workers = await bothWorkers(server);
      // Migrated once, by the primary, before either worker started.
      expect(count(database, "select count(*) as n from __drizzle_migrations")).toBeGreaterThan(0);

      await signUp(server, "limited");
      const failures: Reply[] = [];
      for (let i = 0; i < 4; i += 1)
        failures.push(
          await send(server, "POST", "/login", {
            form: { username: "limited", password: "wrong password!" },
          }),
        );
      expect(failures.map((f) => f.status)).toEqual([400, 400, 400, 400]);
      // Both workers counted failures, and neither saw four on its own.
      expect(new Set(failures.map((f) => f.pid))).toEqual(workers);
      for (let i = 0; i < 2; i += 1) {
        const right = await send(server, "POST", "/login", {
          form: { username: "limited", password: PASSWORD },
        });
        expect(right.status).toBe(429);
      }

      const cookie = await signUp(server, "graded");
      const page = await submittedAnswer(server, cookie);
      const [first, second] = await Promise.all([
        send(server, "POST", `${page}/grade-stream?slot=0`, { cookie }),
        send(server, "POST", `${page}/grade-stream?slot=0`, { cookie }),
      ]);
      expect(new Set([first.pid, second.pid])).toEqual(workers);
      expect(first.body).toMatch(/event: done/);
      expect(second.body).toMatch(/event: done/);
      expect(gradeCount(database)).toBe(1);
      expect(count(database, "select count(*) as n from grades where grader = 'openai'")).toBe(1);

      await server.stop("SIGTERM");
      expect(await server.exited).toEqual({ code: 0, signal: null });
    },
  );
});

function logLines(server: RunningServer): Record<string, unknown>[] {
  return server
    .output()
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("structured logs", () => {
  test(
    "one JSON line per request: method, route id, status, ms; no password, cookie, answer or query string",
    { timeout: 180_000 },
    async () => {
      const database = freshDatabase();
      const server = await serve(database, {}, { captureOutput: true });
      const cookie = await signUp(server, "logged");
      const page = await submittedAnswer(server, cookie);
      await send(server, "POST", "/login?token=s3cret-in-query", {
        form: { username: "logged", password: "a wrong password with hunter2" },
        // Not signed in here (a signed-in visitor is sent away), but the browser still sends a cookie.
        cookie: "__session=not-a-real-session-hunter3",
      });
      await send(server, "GET", `${page}?key=s3cret-in-query`, { cookie });
      await send(server, "GET", "/no-such-page?apikey=s3cret-in-query", { cookie });
      // A script, sent as the build's brotli copy: logged as the path the browser asked for.
      const script = /\/build\/[\w./$-]+\.js/.exec(
        await (await fetch(`${server.baseURL}/login`)).text(),
      )![0];
      const asset = await fetch(`${server.baseURL}${script}`, {
        headers: { "Accept-Encoding": "br" },
      });
      expect(asset.headers.get("Content-Encoding")).toBe("br");
      // A line is written once its response has finished: the last one may trail the reply.
      const until = Date.now() + 10_000;
      while (
        !(server.output().includes('"path":"/no-such-page"') && server.output().includes(script)) &&
        Date.now() < until
      )
        await new Promise((r) => setTimeout(r, 50));

      const text = server.output();
      const lines = logLines(server); // every line parses as JSON
      for (const secret of [
        PASSWORD,
        "hunter2",
        "hunter3",
        ANSWER_MARKER,
        "s3cret-in-query",
        cookie,
        cookie.split("=")[1]!,
        "operations-secret",
      ])
        expect(text).not.toContain(secret);

      const requests = lines.filter((l) => l.msg === "request");
      const login = requests.find((l) => l.route === "routes/login" && l.method === "POST");
      expect(login).toMatchObject({ level: "info", method: "POST", status: 400 });
      expect(typeof login!.time).toBe("string");
      expect(Number.isNaN(Date.parse(login!.time as string))).toBe(false);
      expect(typeof login!.ms).toBe("number");
      expect(typeof login!.pid).toBe("number");
      expect(requests).toContainEqual(
        expect.objectContaining({
          method: "POST",
          route: "routes/rounds.$roundId.questions.$position._index",
          status: 302,
        }),
      );
      expect(requests).toContainEqual(
        expect.objectContaining({
          method: "GET",
          route: "routes/rounds.$roundId.questions.$position._index",
          status: 200,
        }),
      );
      expect(requests).toContainEqual(
        expect.objectContaining({ method: "POST", route: "routes/signup", status: 302 }),
      );
      // A path no route answers is logged as its path, without the query string.
      expect(requests).toContainEqual(
        expect.objectContaining({ method: "GET", route: null, path: "/no-such-page", status: 404 }),
      );
      expect(requests).toContainEqual(
        expect.objectContaining({ method: "GET", route: null, path: script, status: 200 }),
      );
      for (const line of requests) expect(Object.keys(line)).not.toContain("query");
    },
  );
});

describe("graceful shutdown", () => {
  test(
    "SIGTERM during a slow LLM grading: the grade stream finishes, the grade is stored, exit 0",
    { timeout: 180_000 },
    async () => {
      const database = freshDatabase();
      const server = await serve(
        database,
        { MOCKS: "true", GRADER: "auto", MOCKS_LATENCY_MS: "3000", SHUTDOWN_TIMEOUT_MS: "30000" },
        { captureOutput: true },
      );
      const cookie = await signUp(server, "patient");
      const page = await submittedAnswer(server, cookie);
      const stream = send(server, "POST", `${page}/grade-stream?slot=0`, { cookie });
      // The model has been asked (and is 3 s from its first word): now stop the server.
      const until = Date.now() + 60_000;
      while (
        count(database, "select count(*) as n from llm_calls where finished_at is null") === 0 &&
        Date.now() < until
      )
        await new Promise((r) => setTimeout(r, 20));
      expect(gradeCount(database)).toBe(0);
      server.process.kill("SIGTERM");
      let finished = false;
      void stream.then(() => (finished = true));
      // It stops accepting at once, while the grading goes on.
      let refused = false;
      while (!refused && !finished) {
        refused = await send(server, "GET", "/healthz").then(
          () => false,
          () => true,
        );
        if (!refused) await new Promise((r) => setTimeout(r, 50));
      }
      expect(refused).toBe(true);
      expect(finished).toBe(false);

      const reply = await stream;
      expect(reply.status).toBe(200);
      expect(reply.body).toMatch(/event: done/);
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(gradeCount(database)).toBe(1);
      // It said what it did, and needed no cut.
      const messages = logLines(server).map((l) => l.msg);
      expect(messages).toContain("shutting down");
      expect(messages.at(-1)).toBe("stopped");
      expect(messages).not.toContain("shutdown deadline passed; cutting what is left");
    },
  );
});

describe("graceful shutdown past its deadline", () => {
  test(
    "a grading still running at SHUTDOWN_TIMEOUT_MS is cut, exit 0; after restart the sweep grades the answer",
    { timeout: 240_000 },
    async () => {
      const database = freshDatabase();
      const env = {
        MOCKS: "true",
        GRADER: "auto",
        GRADING_LEASE_MS: "2000",
        GRADING_SWEEP_INTERVAL_MS: "1000",
      };
      const slow = await serve(
        database,
        { ...env, MOCKS_LATENCY_MS: "60000", SHUTDOWN_TIMEOUT_MS: "500" },
        { captureOutput: true },
      );
      const cookie = await signUp(slow, "cut");
      const page = await submittedAnswer(slow, cookie);
      const stream = send(slow, "POST", `${page}/grade-stream?slot=0`, { cookie }).catch(
        () => null,
      );
      const until = Date.now() + 60_000;
      while (
        count(database, "select count(*) as n from llm_calls where finished_at is null") === 0 &&
        Date.now() < until
      )
        await new Promise((r) => setTimeout(r, 20));
      slow.process.kill("SIGTERM");
      expect(await slow.exited).toEqual({ code: 0, signal: null });
      await stream;
      expect(logLines(slow).map((l) => l.msg)).toContain(
        "shutdown deadline passed; cutting what is left",
      );
      // The answer is stored, ungraded; the database file is whole.
      const check = new Database(database, { readonly: true });
      expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
      check.close();
      expect(
        count(database, "select count(*) as n from answers where submitted_at is not null"),
      ).toBe(1);
      expect(gradeCount(database)).toBe(0);

      // Restarted with a model that answers: nobody visits, and the sweep grades it once.
      await serve(database, env);
      const graded = Date.now() + 60_000;
      while (gradeCount(database) === 0 && Date.now() < graded)
        await new Promise((r) => setTimeout(r, 250));
      expect(gradeCount(database)).toBe(1);
      expect(count(database, "select count(*) as n from grades where grader = 'openai'")).toBe(1);
    },
  );
});
