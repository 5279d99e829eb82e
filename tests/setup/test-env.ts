import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, vi } from "vitest";

// Each test file gets its own SQLite file, migrated when the app first opens it.
const dir = mkdtempSync(path.join(tmpdir(), "rehearse-test-"));
process.env.DATABASE_PATH = path.join(dir, "test.db");
process.env.SESSION_SECRET = "test-session-secret-test-session-secret";
process.env.GRADER ??= "offline";
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;

// A console.error during a test is a bug we want to see fail, not scroll past.
const consoleError = vi.spyOn(console, "error");
afterEach(() => {
  const calls = consoleError.mock.calls;
  consoleError.mockClear();
  if (calls.length > 0) throw new Error(`console.error was called:\n${calls.map((c) => c.join(" ")).join("\n")}`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));
