import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
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
