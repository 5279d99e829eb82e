import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { buildApp, startServer } from "../tests/utils/production-server";
import { answerOfWords } from "./offline-grader";
import type { BenchSection } from "./run";
import { formatTable } from "./stats";

/**
 * Many signed-in users practising at once against the production server on
 * loopback. Each simulated user repeats what a person without JavaScript
 * does in a one-question round, so every request is one a real user makes:
 *
 *   1. POST /rounds/new                 -> 302 to the question
 *   2. GET  the question                -> 200 (starts the server-owned clock)
 *   3. POST a draft save                -> 200
 *   4. POST the answer                  -> 302 (stored, then graded offline before the redirect)
 *   5. GET  the question                -> 200 (the grade and its probes)
 *
 * Each user is a loop of awaited requests (not autocannon): when the time is
 * up, every user finishes the request it is in and stops, so the count of
 * accepted answers is exact and must equal the submitted answers in the
 * database afterwards.
 */

const USERS = Number(process.env.BENCH_LOAD_USERS ?? 50);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
const PASSWORD = "bench password, long enough";
const SECRET = "bench-load-session-secret-bench-load-session";
const ANSWER = answerOfWords(150);

const STEPS = [
  "POST /rounds/new",
  "GET question",
  "POST draft",
  "POST answer",
  "GET graded question",
] as const;
type Step = (typeof STEPS)[number];

interface Tally {
  latencies: Record<Step, number[]>;
  byClass: { ok: number; client: number; server: number; errors: number };
  /** Responses that were not what the step expects (a 200 where a redirect belongs, a page without its grade). */
  unexpected: string[];
  acceptedAnswers: number;
}

function newTally(): Tally {
  return {
    latencies: Object.fromEntries(STEPS.map((s) => [s, []])) as unknown as Record<Step, number[]>,
    byClass: { ok: 0, client: 0, server: 0, errors: 0 },
    unexpected: [],
    acceptedAnswers: 0,
  };
}

function form(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams(fields);
}

/** One request, timed and classified; null when it never got a response. */
async function timed(
  tally: Tally,
  step: Step,
  url: string,
  init: RequestInit,
): Promise<{ status: number; location: string | null; body: string } | null> {
  const start = performance.now();
  try {
    const response = await fetch(url, { ...init, redirect: "manual" });
    const body = await response.text();
    tally.latencies[step].push(performance.now() - start);
    if (response.status >= 500) tally.byClass.server += 1;
    else if (response.status >= 400) tally.byClass.client += 1;
    else tally.byClass.ok += 1;
    return { status: response.status, location: response.headers.get("Location"), body };
  } catch (error) {
    tally.byClass.errors += 1;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    tally.unexpected.push(
      `${step}: no response (${cause?.code ?? cause?.message ?? String(error)})`,
    );
    return null;
  }
}

async function signUpUser(baseURL: string, username: string): Promise<string> {
  const response = await fetch(`${baseURL}/signup`, {
    method: "POST",
    body: form({ username, password: PASSWORD, redirectTo: "/rounds/new" }),
    headers: { Origin: baseURL },
    redirect: "manual",
  });
  const cookie = response.headers.get("Set-Cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie)
    throw new Error(`Sign-up of ${username} answered ${response.status}`);
  return cookie;
}

/** One user's loop: whole rounds until the time is up; a failed step abandons that round and starts another. */
async function practise(
  baseURL: string,
  cookie: string,
  until: number,
  tally: Tally,
): Promise<void> {
  const headers = { Cookie: cookie, Origin: baseURL };
  const expect = (step: Step, ok: boolean, detail: string) => {
    if (!ok) tally.unexpected.push(`${step}: ${detail}`);
    return ok;
  };
  while (Date.now() < until) {
    const started = await timed(tally, "POST /rounds/new", `${baseURL}/rounds/new`, {
      method: "POST",
      headers,
      body: form({ kinds: "concept", count: "1", minutes: "5" }),
    });
    const question = started?.location;
    if (
      !started ||
      !expect(
        "POST /rounds/new",
        started.status === 302 && /\/questions\/1$/.test(question ?? ""),
        `status ${started.status}`,
      )
    )
      continue;
    const url = `${baseURL}${question}`;

    const page = await timed(tally, "GET question", url, { headers });
    if (!page || !expect("GET question", page.status === 200, `status ${page.status}`)) continue;

    const draft = await timed(tally, "POST draft", `${url}/draft?slot=0`, {
      method: "POST",
      headers,
      body: form({ answer: ANSWER.slice(0, ANSWER.length / 2) }),
    });
    if (!draft || !expect("POST draft", draft.status === 200, `status ${draft.status}`)) continue;

    const submitted = await timed(tally, "POST answer", url, {
      method: "POST",
      headers,
      body: form({ intent: "submit", answer: ANSWER }),
    });
    if (
      !submitted ||
      !expect(
        "POST answer",
        submitted.status === 302 && submitted.location === question,
        `status ${submitted.status}`,
      )
    )
      continue;
    tally.acceptedAnswers += 1;

    const graded = await timed(tally, "GET graded question", url, { headers });
    if (graded)
      expect(
        "GET graded question",
        graded.status === 200 && graded.body.includes("Overall"),
        `status ${graded.status}, no grade shown`,
      );
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0
  );
}

/** Worker counts to compare (WEB_CONCURRENCY): `BENCH_LOAD_WORKERS=1,2` by default. */
const WORKER_COUNTS = (process.env.BENCH_LOAD_WORKERS ?? "1,2")
  .split(",")
  .map((n) => Number(n.trim()))
  .filter((n) => Number.isInteger(n) && n >= 1);

interface LoadResult {
  text: string;
  requestsPerSecond: number;
  p95: number;
  answersPerSecond: number;
}

/** Waits until every worker has said it listens (its JSON "listening" line). */
async function allListening(output: () => string, workers: number): Promise<void> {
  const until = Date.now() + 120_000;
  const count = () =>
    output()
      .split("\n")
      .filter((l) => l.includes('"msg":"listening"')).length;
  while (count() < workers) {
    if (Date.now() > until) throw new Error(`Only ${count()} of ${workers} workers listened`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One measurement: a fresh database, the production server with `workers` workers, USERS users for SECONDS. */
async function measure(buildDir: string, workers: number): Promise<LoadResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "rehearse-load-"));
  const databasePath = path.join(dir, "load.db");
  const server = await startServer(
    buildDir,
    {
      GRADER: "offline",
      DATABASE_PATH: databasePath,
      SESSION_SECRET: SECRET,
      WEB_CONCURRENCY: String(workers),
    },
    undefined,
    { captureOutput: true, healthTimeoutMs: 120_000 },
  );
  try {
    await allListening(server.output, workers);
    const cookies: string[] = [];
    // Two at a time: scrypt is deliberately slow, and this is set-up, not the measurement.
    for (let i = 0; i < USERS; i += 2) {
      const batch = [i, i + 1]
        .filter((n) => n < USERS)
        .map((n) => signUpUser(server.baseURL, `load${n}${Date.now().toString(36)}`));
      cookies.push(...(await Promise.all(batch)));
    }

    const loadBefore = loadavg()[0]!;
    const tally = newTally();
    const started = performance.now();
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(cookies.map((cookie) => practise(server.baseURL, cookie, until, tally)));
    const elapsed = (performance.now() - started) / 1000;

    const db = new Database(databasePath, { readonly: true, fileMustExist: true });
    const counted = db
      .prepare(
        `SELECT (SELECT count(*) FROM answers WHERE submitted_at IS NOT NULL) AS submitted,
                (SELECT count(DISTINCT answer_id) FROM grades) AS graded`,
      )
      .get() as { submitted: number; graded: number };
    db.close();

    const all = STEPS.flatMap((s) => tally.latencies[s]).sort((a, b) => a - b);
    const row = (label: string, times: number[]) => {
      const sorted = [...times].sort((a, b) => a - b);
      return [
        label,
        String(sorted.length),
        ...[50, 95, 99].map((p) => percentile(sorted, p).toFixed(1)),
      ];
    };
    const table = formatTable(
      ["request", "count", "p50 ms", "p95 ms", "p99 ms"],
      [...STEPS.map((s) => row(s, tally.latencies[s])), row("all requests", all)],
    );
    const { ok, client, server: serverErrors, errors } = tally.byClass;
    const consistent =
      counted.submitted === tally.acceptedAnswers && counted.graded === tally.acceptedAnswers;
    const requestsPerSecond = all.length / elapsed;
    const lines = [
      `### ${workers} worker${workers === 1 ? "" : "s"} (WEB_CONCURRENCY=${workers})`,
      "",
      table,
      "",
      `${requestsPerSecond.toFixed(0)} requests/s over ${elapsed.toFixed(1)} s; p95 latency ${percentile(all, 95).toFixed(1)} ms; ${(tally.acceptedAnswers / elapsed).toFixed(1)} answers/s.`,
      `Machine load average (1 min) ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after, on ${availableParallelism()} cores.`,
      `Responses: ${ok} 2xx/3xx, ${client} 4xx, ${serverErrors} 5xx; ${errors} connection errors; ${tally.unexpected.length - errors} unexpected responses.`,
      `Accepted answers ${tally.acceptedAnswers} = submitted answers in the database ${counted.submitted}, graded ${counted.graded}: ${consistent ? "yes" : "NO"}.`,
    ];
    if (tally.unexpected.length > 0)
      lines.push(`First unexpected: ${[...new Set(tally.unexpected)].slice(0, 5).join("; ")}`);
    // The server's own account of its errors (JSON log lines with level "error").
    const errorLines = server
      .output()
      .split("\n")
      .filter((l) => l.includes('"level":"error"'))
      .map((l) => {
        const { msg, message, path: at } = JSON.parse(l) as Record<string, string>;
        return `${msg} ${at ?? ""}: ${message ?? ""}`.slice(0, 300);
      });
    if (errorLines.length > 0)
      lines.push(
        `Server errors (${errorLines.length}): ${[...new Set(errorLines)].slice(0, 3).join(" | ")}`,
      );
    return {
      text: lines.join("\n"),
      requestsPerSecond,
      p95: percentile(all, 95),
      answersPerSecond: tally.acceptedAnswers / elapsed,
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const loadSection: BenchSection = {
  name: `Load: ${USERS} signed-in users practising at once for ${SECONDS} s at ${WORKER_COUNTS.join(" and ")} worker(s) (production server, loopback)`,
  async run() {
    const buildDir = buildApp();
    try {
      const results: { workers: number; result: LoadResult }[] = [];
      for (const workers of WORKER_COUNTS)
        results.push({ workers, result: await measure(buildDir, workers) });
      const parts = results.map((r) => r.result.text);
      const base = results[0]!;
      for (const other of results.slice(1)) {
        parts.push(
          `Ratio ${other.workers}:${base.workers} workers: ${(other.result.requestsPerSecond / base.result.requestsPerSecond).toFixed(2)}x requests/s ` +
            `(${base.result.requestsPerSecond.toFixed(0)} -> ${other.result.requestsPerSecond.toFixed(0)}), ` +
            `p95 ${base.result.p95.toFixed(0)} -> ${other.result.p95.toFixed(0)} ms, ` +
            `answers/s ${base.result.answersPerSecond.toFixed(1)} -> ${other.result.answersPerSecond.toFixed(1)}.`,
        );
      }
      return parts.join("\n\n");
    } finally {
      rmSync(buildDir, { recursive: true, force: true });
    }
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await loadSection.run());
}
