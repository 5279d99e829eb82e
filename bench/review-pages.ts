import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createCookie, createRequestHandler, type ServerBuild } from "@remix-run/node";
import type { BenchSection } from "./run";
import { SEEDED_ROUNDS, seedReviewData } from "./seed-review-data";
import { formatTable, type Timing } from "./stats";

/**
 * Server time to render the review pages for a user with 1,000 graded rounds,
 * through the real Remix request handler and the production build (loaders,
 * React rendering, the whole HTML body read), against bare routes measured
 * in the same run: /healthz (a resource route touching the database) and
 * /preferences (the smallest signed-in page).
 */

const SECRET = "bench-session-secret-bench-session-secret";

const ROUTES: { path: string; label: string; iterations: number }[] = [
  { path: "/healthz", label: "bare route: /healthz", iterations: 400 },
  { path: "/preferences", label: "bare page: /preferences", iterations: 300 },
  { path: "/history", label: "/history", iterations: 300 },
  { path: "/history?page=40", label: "/history, page 40", iterations: 300 },
  {
    path: "/history?skill=databases&kind=concept&from=2025-06-01&to=2026-06-01",
    label: "/history, all filters",
    iterations: 200,
  },
  { path: "/progress", label: "/progress", iterations: 100 },
  { path: "/questions/explain-rest-apis", label: "/questions/explain-rest-apis", iterations: 200 },
  { path: "/readiness", label: "/readiness", iterations: 200 },
  { path: "/practice-queue", label: "/practice-queue", iterations: 200 },
];

const pick = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function measure(fn: () => Promise<void>, iterations: number): Promise<Timing> {
  for (let i = 0; i < 20; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: pick(times, 50), p95: pick(times, 95) };
}

export const reviewPagesSection: BenchSection = {
  name: `Review pages: server time with ${SEEDED_ROUNDS.toLocaleString("en")} graded rounds`,
  async run() {
    execFileSync("npx", ["remix", "build"], {
      stdio: "ignore",
      env: { ...process.env, NODE_ENV: "production" },
    });
    const dir = mkdtempSync(path.join(tmpdir(), "rehearse-bench-"));
    const savedEnv = { ...process.env };
    try {
      const file = path.join(dir, "bench.db");
      const seeded = seedReviewData(file);
      // Before the build is imported: its entry module reads the environment at load.
      Object.assign(process.env, {
        DATABASE_PATH: file,
        SESSION_SECRET: SECRET,
        GRADER: "offline",
        NODE_ENV: "production",
      });
      const build = (await import(
        pathToFileURL(path.resolve("build/index.js")).href
      )) as ServerBuild;
      const handle = createRequestHandler(build, "production");
      const cookie = (
        await createCookie("__session", { secrets: [SECRET] }).serialize(seeded.sessionId)
      ).split(";")[0]!;

      const rows: { label: string; timing: Timing; bytes: number }[] = [];
      for (const route of ROUTES) {
        let bytes = 0;
        const timing = await measure(async () => {
          const response = await handle(
            new Request(`http://localhost${route.path}`, { headers: { Cookie: cookie } }),
          );
          const body = await response.text();
          if (response.status !== 200) throw new Error(`${route.path} answered ${response.status}`);
          bytes = body.length;
        }, route.iterations);
        rows.push({ label: route.label, timing, bytes });
      }
      const [healthz, bare] = rows;
      const ratio = (t: Timing, base: Timing) => `${(t.median / base.median).toFixed(1)}×`;
      const table = formatTable(
        ["route", "median ms", "p95 ms", "HTML KB", "× /healthz", "× /preferences"],
        rows.map(({ label, timing, bytes }) => [
          label,
          timing.median.toFixed(2),
          timing.p95.toFixed(2),
          (bytes / 1024).toFixed(1),
          ratio(timing, healthz!.timing),
          ratio(timing, bare!.timing),
        ]),
      );
      const history = rows.find((r) => r.label === "/history")!;
      const times = history.timing.median / healthz!.timing.median;
      // Issue 17's targets for the pages that read every graded attempt, against the bare page.
      const targets = (
        [
          ["/progress", 4],
          ["/readiness", 3],
          ["/practice-queue", 3],
        ] as const
      ).map(([label, most]) => {
        const x = rows.find((r) => r.label === label)!.timing.median / bare!.timing.median;
        return `${label} median is ${x.toFixed(1)}× /preferences (target: at most ${most}×, ${x <= most ? "met" : "not met"}).`;
      });
      return [
        table,
        "",
        `/history median is ${times.toFixed(1)}× /healthz (target: within 2×, ${times <= 2 ? "met" : "not met"}) and ${(history.timing.median / bare!.timing.median).toFixed(1)}× the bare page /preferences.`,
        ...targets,
      ].join("\n");
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
      Object.assign(process.env, savedEnv);
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await reviewPagesSection.run());
}
