import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildApp, startServer } from "../utils/production-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** The production build with the offline grader. */
    baseURL: string;
    /** The same build with MOCKS=true: the LLM grader against msw's mocked OpenAI API. */
    mockedBaseURL: string;
    /** The production build's directory, for tests that start their own server (crash safety). */
    buildDir: string;
  }
}

/** Builds the app once and serves the production build on free loopback ports, each with an empty database. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "rehearse-e2e-"));
  const buildDir = buildApp();
  const offline = await startServer(buildDir, { GRADER: "offline", DATABASE_PATH: path.join(dir, "offline.db") });
  const mocked = await startServer(buildDir, {
    GRADER: "auto",
    MOCKS: "true",
    DATABASE_PATH: path.join(dir, "mocked.db"),
  });
  project.provide("baseURL", offline.baseURL);
  project.provide("mockedBaseURL", mocked.baseURL);
  project.provide("buildDir", buildDir);
  return async () => {
    await Promise.all([offline.stop(), mocked.stop()]);
    rmSync(dir, { recursive: true, force: true });
    rmSync(buildDir, { recursive: true, force: true });
  };
}
