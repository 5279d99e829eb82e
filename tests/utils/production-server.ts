import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

/**
 * Builds and serves the production app the way `npm start` does, for browser
 * tests, crash tests and benchmarks. Each build goes to its own directory so
 * parallel runs never overwrite `build/` or each other.
 */

/**
 * A fresh build directory. It lives under node_modules/.cache because the
 * server build imports its dependencies by bare name, which resolve only from
 * inside the project.
 */
export function newBuildDir(): string {
  const root = path.resolve("node_modules/.cache/rehearse-builds");
  mkdirSync(root, { recursive: true });
  return mkdtempSync(path.join(root, "build-"));
}

export function buildApp(buildDir = newBuildDir()): string {
  execFileSync("npx", ["remix", "build"], {
    stdio: "ignore",
    env: { ...process.env, NODE_ENV: "production", REHEARSE_BUILD_DIR: buildDir },
  });
  return buildDir;
}

export async function freePort(): Promise<number> {
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
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Server at ${baseURL} did not become healthy`);
}

export interface RunningServer {
  baseURL: string;
  process: ChildProcess;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** Serves `buildDir` with remix-serve on a free loopback port (or `port`) and waits for /healthz. */
export async function startServer(
  buildDir: string,
  env: Record<string, string>,
  port?: number,
): Promise<RunningServer> {
  const listenOn = port ?? (await freePort());
  const child = spawn(path.resolve("node_modules/.bin/remix-serve"), [path.join(buildDir, "index.js")], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(listenOn), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseURL = `http://127.0.0.1:${listenOn}`;
  await waitForHealthy(baseURL);
  return {
    baseURL,
    process: child,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
