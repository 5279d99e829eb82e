import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { buildApp, startServer } from "../tests/utils/production-server";
import { wav } from "../tests/utils/wav";
import type { BenchSection } from "./run";
import { formatTable } from "./stats";

/**
 * Lighthouse 12 against the local production server, offline, in Debian's
 * Chromium: the home page signed out, a practice (answer) page and two round
 * reports signed in (the session cookie sent as a header): one of typed
 * answers and one with a spoken answer (its replay a plain <audio>); neither
 * loads a script. Both presets run:
 * desktop (no throttling, the app's main use) and mobile (Lighthouse's
 * default: simulated slow 4G and a 4x slower CPU). Scores are medians of
 * BENCH_LIGHTHOUSE_RUNS runs (default 1): the CPU is shared, so performance
 * moves a few points from run to run.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROME_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const RUNS = Math.max(1, Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 1));
const SECRET = "bench-lighthouse-session-secret-bench-lighthouse";
const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;
type Category = (typeof CATEGORIES)[number];
const TARGETS: Record<Category, number> = {
  performance: 98,
  accessibility: 100,
  "best-practices": 95,
};

const ANSWER =
  "REST models the domain as resources such as /orders/42, identified by URIs, and clients exchange JSON representations. " +
  "The HTTP method carries the intent: GET reads, POST creates and DELETE removes, and GET is idempotent so it is safe to retry.";

interface PageUnderTest {
  label: string;
  url: string;
  cookie: string | null;
}

interface Scores {
  scores: Record<Category, number>;
  /** Audits that cost points in a category below its target, with what Lighthouse measured. */
  failing: Partial<Record<Category, string[]>>;
}

/**
 * Signs a user up and prepares the pages: question 2 of a two-question round open (its clock
 * running), question 1 answered aloud and in writing (so that round's report replays a recording),
 * and a one-question round of typed answers. Neither report loads a script.
 */
async function preparePages(baseURL: string): Promise<PageUnderTest[]> {
  const signup = await fetch(`${baseURL}/signup`, {
    method: "POST",
    headers: { Origin: baseURL },
    body: new URLSearchParams({
      username: `lighthouse${Date.now().toString(36)}`,
      password: "lighthouse password",
      redirectTo: "/",
    }),
    redirect: "manual",
  });
  const cookie = signup.headers.get("Set-Cookie")?.split(";")[0];
  if (!cookie) throw new Error(`Sign-up answered ${signup.status}`);
  const headers = { Cookie: cookie, Origin: baseURL };
  const newRound = async (count: number) => {
    const round = await fetch(`${baseURL}/rounds/new`, {
      method: "POST",
      headers,
      body: new URLSearchParams({ kinds: "concept", count: String(count), minutes: "30" }),
      redirect: "manual",
    });
    const first = round.headers.get("Location");
    if (round.status !== 302 || !first)
      throw new Error(`Starting a round answered ${round.status}`);
    return first;
  };
  // A page never starts a clock (a GET writes nothing): the Start button's post does.
  const start = (questionPath: string) =>
    fetch(`${baseURL}${questionPath}/start`, { method: "POST", headers, redirect: "manual" });
  const submit = async (questionPath: string) => {
    const submitted = await fetch(`${baseURL}${questionPath}`, {
      method: "POST",
      headers,
      body: new URLSearchParams({ intent: "submit", answer: ANSWER }),
      redirect: "manual",
    });
    if (submitted.status !== 302) throw new Error(`Submitting answered ${submitted.status}`);
  };

  const first = await newRound(2);
  await start(first);
  const recording = await fetch(`${baseURL}${first}/recording?slot=0`, {
    method: "POST",
    headers: { ...headers, "Content-Type": "audio/wav" },
    // A fifth of a second of silence: enough for the server to keep it as a spoken answer.
    body: new Blob([wav(0.2)], { type: "audio/wav" }),
  });
  if (recording.status !== 201) throw new Error(`Saving a recording answered ${recording.status}`);
  await submit(first);
  const roundPath = first.replace(/\/questions\/1$/, "");
  const second = await start(`${roundPath}/questions/2`);
  if (second.status !== 302) throw new Error(`Starting question 2 answered ${second.status}`);

  const typed = await newRound(1);
  await start(typed);
  await submit(typed);
  return [
    { label: "home (signed out)", url: `${baseURL}/`, cookie: null },
    { label: "practice: answer page", url: `${baseURL}${roundPath}/questions/2`, cookie },
    {
      label: "round report (typed answers)",
      url: `${baseURL}${typed.replace(/\/questions\/1$/, "")}/report`,
      cookie,
    },
    { label: "round report (a spoken answer)", url: `${baseURL}${roundPath}/report`, cookie },
  ];
}

async function audit(
  page: PageUnderTest,
  port: number,
  preset: "desktop" | "mobile",
): Promise<Scores> {
  const result = await lighthouse(
    page.url,
    {
      port,
      output: "json",
      logLevel: "error",
      onlyCategories: [...CATEGORIES],
      ...(page.cookie ? { extraHeaders: { Cookie: page.cookie } } : {}),
    },
    preset === "desktop" ? desktopConfig : undefined,
  );
  if (!result) throw new Error(`Lighthouse returned nothing for ${page.url}`);
  const { lhr } = result;
  if (lhr.runtimeError)
    throw new Error(`Lighthouse could not load ${page.url}: ${lhr.runtimeError.message}`);
  // A cookie the server did not accept would audit the login page instead.
  if (lhr.finalDisplayedUrl !== page.url)
    throw new Error(`${page.url} ended at ${lhr.finalDisplayedUrl}`);
  const scores = {} as Record<Category, number>;
  const failing: Scores["failing"] = {};
  for (const category of CATEGORIES) {
    const entry = lhr.categories[category];
    const score = Math.round((entry?.score ?? 0) * 100);
    scores[category] = score;
    if (score >= TARGETS[category] || !entry) continue;
    failing[category] = entry.auditRefs
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a !== undefined && a.score !== null && a.score < 1)
      .map((a) => `${a!.id}${a!.displayValue ? ` (${a!.displayValue})` : ""}`);
  }
  return { scores, failing };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? 0;

export const lighthouseSection: BenchSection = {
  name: `Lighthouse ${RUNS > 1 ? `(median of ${RUNS} runs) ` : ""}on the production server: performance, accessibility, best practices`,
  async run() {
    const buildDir = buildApp();
    const dir = mkdtempSync(path.join(tmpdir(), "rehearse-lighthouse-"));
    const server = await startServer(buildDir, {
      GRADER: "offline",
      DATABASE_PATH: path.join(dir, "lighthouse.db"),
      SESSION_SECRET: SECRET,
    });
    const chrome = await launch({
      chromePath: CHROMIUM,
      chromeFlags: CHROME_FLAGS,
      logLevel: "silent",
    });
    try {
      const pages = await preparePages(server.baseURL);
      const rows: string[][] = [];
      const notes: string[] = [];
      for (const preset of ["desktop", "mobile"] as const) {
        for (const page of pages) {
          const runs: Scores[] = [];
          for (let i = 0; i < RUNS; i++) runs.push(await audit(page, chrome.port, preset));
          const scores = Object.fromEntries(
            CATEGORIES.map((c) => [c, median(runs.map((r) => r.scores[c]))]),
          ) as Record<Category, number>;
          rows.push([page.label, preset, ...CATEGORIES.map((c) => String(scores[c]))]);
          for (const category of CATEGORIES) {
            if (scores[category] >= TARGETS[category]) continue;
            const audits = [...new Set(runs.flatMap((r) => r.failing[category] ?? []))];
            notes.push(
              `- ${page.label}, ${preset}, ${category} ${scores[category]}: ${audits.join(", ") || "no single audit below full marks"}`,
            );
          }
        }
      }
      const table = formatTable(
        ["page", "preset", "performance", "accessibility", "best practices"],
        rows,
      );
      const targets = `Targets: performance >= ${TARGETS.performance}, accessibility ${TARGETS.accessibility}, best practices >= ${TARGETS["best-practices"]}.`;
      return [
        table,
        "",
        targets,
        notes.length > 0
          ? `Below target, with the audits that cost points:\n${notes.join("\n")}`
          : "Every page meets every target.",
      ].join("\n");
    } finally {
      chrome.kill();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
      rmSync(buildDir, { recursive: true, force: true });
    }
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await lighthouseSection.run());
}
