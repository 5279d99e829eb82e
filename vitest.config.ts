import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(import.meta.dirname, "app") };

/**
 * Tests beside the code that are too slow for the unit loop (each took 3-40 s on
 * this 2-core machine, README "Tests"): they grade the whole bank, a calibration
 * corpus or dozens of hostile answers, or drive the LLM grader through msw with its
 * retries and timeouts. They run with the integration tests.
 */
const slowBesideTheCode = [
  "scripts/eval.test.ts",
  "scripts/eval-openai.test.ts",
  "scripts/bank-check.test.ts",
  "app/grading/offline/hostile-answers.test.ts",
  "app/grading/offline/grade-offline.test.ts",
  "app/grading/offline/rubric-phrasings.test.ts",
  "app/grading/offline/probes-bank.test.ts",
  "app/grading/offline/story-grounding.test.ts",
  "app/grading/llm/grade-with-llm.server.test.ts",
  "app/grading/llm/grade-with-llm.faults.test.ts",
  "app/grading/llm/grade-with-llm.hostile.test.ts",
  "app/grading/llm/grade-with-llm.injection.test.ts",
];

const node = {
  setupFiles: ["tests/setup/test-env.ts"],
  environment: "node" as const,
  // A hang detector, not a speed check (speed lives in `npm run bench`): the first test of a file
  // pays for loading the language model, word vectors and bank, which a busy machine can stretch past 5 s.
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          ...node,
          name: "unit",
          // Pure modules and components: no database file, no server, no corpus.
          include: ["app/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"],
          exclude: slowBesideTheCode,
          // Opening SQLite here fails at once (DATABASE_PATH under /dev/null): such a test belongs in integration.
          setupFiles: [
            ...node.setupFiles,
            "tests/setup/no-database.ts",
            "tests/setup/unit-modules.ts",
          ],
          // Files share a worker's loaded node_modules; unit-modules.ts gives each file fresh app modules.
          isolate: false,
        },
      },
      {
        resolve: { alias },
        test: {
          ...node,
          name: "integration",
          // Real SQLite files (one per test file), request handling, servers, and the slow tests above.
          include: ["tests/integration/**/*.test.{ts,tsx}", ...slowBesideTheCode],
          globalSetup: ["tests/setup/template-database.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/e2e/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // CI machines are shared and slow at times: give the page time to get there (the checks are unchanged).
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
