import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import { buildApp, startServer, type RunningServer } from "../utils/production-server";

/**
 * Issue 19: `npm run backup -- FILE` while the server takes writes gives a
 * copy that passes integrity_check and, restored, serves the app.
 */

const run = promisify(execFile);
const SECRET = "backup-test-secret-backup-test-secret";
const PASSWORD = "a long enough password";
const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

let buildDir: string;
let dir: string;
const servers: RunningServer[] = [];

beforeAll(() => {
  buildDir = buildApp();
  dir = mkdtempSync(path.join(tmpdir(), "rehearse-backup-"));
}, 120_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop("SIGKILL")));
  rmSync(dir, { recursive: true, force: true });
});

async function serve(database: string): Promise<RunningServer> {
  const server = await startServer(buildDir, { DATABASE_PATH: database, SESSION_SECRET: SECRET });
  servers.push(server);
  return server;
}

function post(server: RunningServer, to: string, form: Record<string, string | string[]>, cookie?: string) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v);
  return fetch(`${server.baseURL}${to}`, {
    method: "POST",
    headers: { ...FORM, Origin: server.baseURL, ...(cookie ? { Cookie: cookie } : {}) },
    body,
    redirect: "manual",
  });
}

/** Signs a new user up and starts a round with a saved draft: a few writes, as a person makes them. */
async function writeSomething(server: RunningServer, username: string): Promise<void> {
  const signedUp = await post(server, "/signup", { username, password: PASSWORD });
  expect(signedUp.status).toBe(302);
  const cookie = signedUp.headers.get("set-cookie")!.split(";")[0]!;
  const started = await post(server, "/rounds/new", { kinds: "concept", count: "2", band: "3-5" }, cookie);
  expect(started.status).toBe(302);
  const question = started.headers.get("location")!;
  await fetch(`${server.baseURL}${question}`, { headers: { Cookie: cookie } });
  const draft = await post(server, `${question}/draft?slot=0`, { answer: `A draft by ${username}` }, cookie);
  expect(draft.status).toBe(200);
}

test("a backup taken while the server writes is consistent and restores to a working app", async () => {
  const database = path.join(dir, "live.db");
  const live = await serve(database);
  await writeSomething(live, "before0");

  // Writers keep going for the whole backup.
  let writing = true;
  let written = 0;
  const writers = Array.from({ length: 4 }, async (_, w) => {
    for (let i = 0; writing; i++) {
      await writeSomething(live, `writer${w}x${i}`);
      written += 1;
    }
  });
  const target = path.join(dir, "backups", "copy.db");
  const { stdout } = await run("npx", ["tsx", "scripts/backup.ts", target], {
    env: { ...process.env, DATABASE_PATH: database, SESSION_SECRET: SECRET },
  });
  writing = false;
  await Promise.all(writers);
  expect(written).toBeGreaterThan(0);

  expect(stdout).toMatch(/^Backed up .* to .*copy\.db: \d+ KB, integrity ok$/m);
  expect(stdout).toMatch(/^ {2}users +\d+$/m);
  const copy = new Database(target, { readonly: true });
  expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
  expect(copy.pragma("foreign_key_check")).toEqual([]);
  const users = copy.prepare("SELECT count(*) FROM users").pluck().get() as number;
  copy.close();
  expect(users).toBeGreaterThanOrEqual(1);

  // A second backup to the same file is refused: a backup never overwrites.
  await expect(
    run("npx", ["tsx", "scripts/backup.ts", target], { env: { ...process.env, DATABASE_PATH: database } }),
  ).rejects.toMatchObject({ stderr: expect.stringMatching(/already exists/) });

  // Restore (stop, copy, start): the user from before the backup logs in and finds the draft.
  await live.stop();
  const restoredPath = path.join(dir, "restored.db");
  copyFileSync(target, restoredPath);
  const restored = await serve(restoredPath);
  const login = await post(restored, "/login", { username: "before0", password: PASSWORD });
  expect(login.status).toBe(302);
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const history = await fetch(`${restored.baseURL}/history`, { headers: { Cookie: cookie } });
  expect(history.status).toBe(200);
  expect(await history.text()).toContain("Practice: concept");
}, 120_000);
