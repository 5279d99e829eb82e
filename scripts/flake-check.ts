/**
 * Runs browser test files again and again and reports failures per file, so a
 * flaky test is found before it blocks a landing.
 *
 *   npm run test:flaky -- --repeat 10                    every file in tests/e2e, each run alone, 10 times
 *   npm run test:flaky -- --repeat 5 --together          the e2e project as .ci/run runs it, 5 times
 *   npm run test:flaky -- --repeat 10 tests/e2e/review.test.ts
 *
 * Exits non-zero when any run failed.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { repeat: { type: "string", default: "10" }, together: { type: "boolean", default: false } },
});
const repeat = z.coerce.number().int().min(1).max(100).parse(values.repeat);
const files =
  positionals.length > 0
    ? positionals
    : readdirSync("tests/e2e")
        .filter((f) => f.endsWith(".test.ts"))
        .sort()
        .map((f) => `tests/e2e/${f}`);

/** Vitest's JSON report, the parts read here. */
const reportSchema = z.object({
  testResults: z.array(
    z.object({
      name: z.string(),
      status: z.string(),
      message: z.string().optional(),
      assertionResults: z.array(
        z.object({ fullName: z.string(), status: z.string(), failureMessages: z.array(z.string()).default([]) }),
      ),
    }),
  ),
});

interface Tally {
  runs: number;
  failedRuns: number;
  failures: Map<string, number>;
}
const tallies = new Map(files.map((f) => [path.resolve(f), { runs: 0, failedRuns: 0, failures: new Map() } as Tally]));
const dir = mkdtempSync(path.join(tmpdir(), "rehearse-flake-"));

function runVitest(targets: string[], label: string): void {
  const out = path.join(dir, "report.json");
  const started = Date.now();
  const result = spawnSync(
    "npx",
    ["vitest", "run", "--project", "e2e", "--reporter=json", `--outputFile=${out}`, ...targets],
    { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" },
  );
  let report: z.infer<typeof reportSchema>;
  try {
    report = reportSchema.parse(JSON.parse(readFileSync(out, "utf8")));
  } catch {
    console.log(`${label}: vitest produced no report (exit ${result.status})\n${result.stderr.slice(-2000)}`);
    for (const t of targets) {
      const tally = tallies.get(path.resolve(t))!;
      tally.runs += 1;
      tally.failedRuns += 1;
      tally.failures.set("(no report)", (tally.failures.get("(no report)") ?? 0) + 1);
    }
    return;
  } finally {
    rmSync(out, { force: true });
  }
  const failed: string[] = [];
  for (const file of report.testResults) {
    const tally = tallies.get(path.resolve(file.name));
    if (!tally) continue;
    tally.runs += 1;
    const failedTests = file.assertionResults.filter((a) => a.status === "failed");
    const failing = failedTests.map((a) => a.fullName);
    // The first lines of each failure, so a flake can be diagnosed from this output alone.
    for (const a of failedTests) {
      const message = a.failureMessages.join("\n").split("\n").slice(0, 6).join("\n      ");
      console.log(`  ${path.relative(process.cwd(), file.name)} › ${a.fullName}\n      ${message}`);
    }
    if (file.status !== "passed" || failing.length > 0) {
      tally.failedRuns += 1;
      for (const name of failing.length > 0 ? failing : [file.message ?? "(file failed)"]) {
        tally.failures.set(name, (tally.failures.get(name) ?? 0) + 1);
      }
      failed.push(`${path.relative(process.cwd(), file.name)} (${failing.join("; ") || file.message})`);
    }
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`${label}: ${failed.length === 0 ? "passed" : `FAILED ${failed.join(", ")}`} in ${seconds} s`);
}

for (let i = 1; i <= repeat; i++) {
  if (values.together) runVitest(files, `run ${i}/${repeat} (all files)`);
  else for (const file of files) runVitest([file], `run ${i}/${repeat} ${file}`);
}
rmSync(dir, { recursive: true, force: true });

console.log("\nfile | runs | failed runs");
let anyFailed = false;
for (const [file, tally] of tallies) {
  console.log(`${path.relative(process.cwd(), file)} | ${tally.runs} | ${tally.failedRuns}`);
  for (const [name, count] of tally.failures) console.log(`    ${count}× ${name}`);
  anyFailed ||= tally.failedRuns > 0 || tally.runs < repeat;
}
process.exit(anyFailed ? 1 : 0);
