import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { afterAll, beforeAll, expect, test } from "vitest";
import { BUNDLE_BUDGET_KB, practicePageFiles } from "../../bench/bundle";
import { buildApp } from "../utils/production-server";

// The mocks start from server.js (MOCKS=true) and msw is a dev dependency: neither may reach the build.
let buildDir = "";
beforeAll(() => {
  buildDir = buildApp();
});
afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

test("the production server build carries no test mocks and no msw", () => {
  const server = readFileSync(path.join(buildDir, "index.js"), "utf8");
  expect(server.length).toBeGreaterThan(10_000);
  const mentions = server.split("\n").filter((line) => /msw|tests\/mocks/.test(line));
  expect(mentions).toEqual([]);
});

test("msw is a dev dependency, so a production install leaves it out", () => {
  const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  expect(pkg.dependencies).not.toHaveProperty("msw");
  expect(pkg.devDependencies).toHaveProperty("msw");
});

// Size, unlike speed, does not depend on the machine: the budget is held here as well as reported by
// `npm run bench -- bundle` (it was once exceeded for a whole stop with only the bench to say so).
test(`the practice page ships at most ${BUNDLE_BUDGET_KB} KB of gzipped JavaScript`, () => {
  const files = practicePageFiles(buildDir);
  expect(files.length).toBeGreaterThan(5);
  const kb = files.reduce((sum, f) => sum + f.gzipBytes, 0) / 1024;
  expect(kb).toBeGreaterThan(50);
  expect(kb).toBeLessThanOrEqual(BUNDLE_BUDGET_KB);
});

/*
 * zod validates on the server only (parseSubmission): a page that imports a
 * limit from a module that also defines a schema ships all of zod (450 KB
 * before gzip), so limits and choices live in zod-free modules
 * (credential-limits.ts, story-limits.ts, question-choices.ts, history-href.ts)
 * and a page's own query schema in a *.server.ts beside it.
 */
const ZOD_MARK = /ZodError|\$ZodType/;

test("no page ships zod to the browser", () => {
  // The mark is zod's own: the check would see zod in a chunk that carried it.
  const zodErrors = path.join(
    path.dirname(createRequire(import.meta.url).resolve("zod/v4/core")),
    "errors.js",
  );
  expect(readFileSync(zodErrors, "utf8")).toMatch(ZOD_MARK);

  const assets = path.join(buildDir, "public", "build");
  const manifestName = readdirSync(assets).find((f) => /^manifest-[\w-]+\.js$/.test(f))!;
  const manifest = JSON.parse(
    readFileSync(path.join(assets, manifestName), "utf8")
      .replace(/^window\.__remixManifest=/, "")
      .replace(/;\s*$/, ""),
  ) as { routes: Record<string, unknown> };
  const shipsZod = (routeId: string) =>
    practicePageFiles(buildDir, routeId, "/").some(
      ({ url }) =>
        url.startsWith("/build/") &&
        ZOD_MARK.test(readFileSync(path.join(assets, url.replace(/^\/build\//, "")), "utf8")),
    );
  const routes = Object.keys(manifest.routes);
  expect(routes).toEqual(
    expect.arrayContaining([
      "routes/login",
      "routes/history",
      "routes/progress",
      "routes/readiness",
    ]),
  );
  expect(routes.filter(shipsZod)).toEqual([]);
});
