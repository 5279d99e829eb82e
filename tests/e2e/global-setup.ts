import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The production build with the offline grader. */
    baseURL: string;
    /** The same build with MOCKS=true: the LLM grader against msw's mocked OpenAI API. */
    mockedBaseURL: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function waitForHealthy(baseURL: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${baseURL}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Server at ${baseURL} did not become healthy`);
}

async function startServer(dir: string, name: string, env: Record<string, string>) {
  const port = await freePort();
  const server = spawn("node_modules/.bin/remix-serve", ["build/index.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: path.join(dir, `${name}.db`),
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const baseURL = `http://127.0.0.1:${port}`;
  await waitForHealthy(baseURL);
  return { baseURL, stop: () => server.kill("SIGTERM") };
}

/** Builds the app once and serves the production build on free loopback ports, each with an empty database. */
export default async function setup(project: TestProject) {
  execFileSync("npx", ["remix", "build"], { stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
  const dir = mkdtempSync(path.join(tmpdir(), "rehearse-e2e-"));
  const offline = await startServer(dir, "offline", { GRADER: "offline" });
  const mocked = await startServer(dir, "mocked", { GRADER: "auto", MOCKS: "true" });
  project.provide("baseURL", offline.baseURL);
  project.provide("mockedBaseURL", mocked.baseURL);
  return () => {
    offline.stop();
    mocked.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
