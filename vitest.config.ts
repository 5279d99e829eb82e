import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(import.meta.dirname, "app") };

export default defineConfig({
  resolve: { alias },
  esbuild: { jsx: "automatic" },
  test: {
    projects: [
      {
        resolve: { alias },
        esbuild: { jsx: "automatic" },
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "scripts/**/*.test.ts", "tests/integration/**/*.test.{ts,tsx}"],
          setupFiles: ["tests/setup/test-env.ts"],
          environment: "node",
          // A hang detector, not a speed check (speed lives in `npm run bench`): the first test of a file
          // pays for loading the language model, word vectors and bank, which a busy machine can stretch past 5 s.
          testTimeout: 30_000,
          hookTimeout: 60_000,
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
