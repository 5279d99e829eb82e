import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, inject, vi } from "vitest";

// Each test file gets its own SQLite file: a copy of the run's migrated template where the project
// makes one (tests/setup/template-database.ts), else migrated when the app first opens it.
const dir = mkdtempSync(path.join(tmpdir(), "rehearse-test-"));
process.env.DATABASE_PATH = path.join(dir, "test.db");
const template = inject("templateDatabase");
if (template) copyFileSync(template, process.env.DATABASE_PATH);
process.env.SESSION_SECRET = "test-session-secret-test-session-secret";
process.env.GRADER ??= "offline";
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;

// Rounds draw their questions at random (app/rounds/select-questions.ts). Under test the draw is seeded,
// so a test that holds for one question but not another fails on every run, not one run in thirty;
// REHEARSE_TEST_SEED=<n> draws differently, to look for such tests on purpose.
const seed = Number(process.env.REHEARSE_TEST_SEED ?? 20261205) >>> 0;
let state = seed;
vi.spyOn(Math, "random").mockImplementation(() => {
  // mulberry32: a small, well-spread 32-bit generator.
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
});

// A console.error during a test is a bug we want to see fail, not scroll past.
const consoleError = vi.spyOn(console, "error");
afterEach(() => {
  const calls = consoleError.mock.calls;
  consoleError.mockClear();
  if (calls.length > 0)
    throw new Error(`console.error was called:\n${calls.map((c) => c.join(" ")).join("\n")}`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));
