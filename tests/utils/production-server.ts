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

/** `npm run build`, as a deployment runs it (compressed copies of the assets included), into `buildDir`. */
export function buildApp(buildDir = newBuildDir()): string {
  execFileSync("npm", ["run", "build"], {
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
  return pollHealthy(baseURL, timeoutMs, () => false);
}

async function pollHealthy(
  baseURL: string,
  timeoutMs: number,
  gaveUp: () => boolean,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && !gaveUp()) {
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
  /** Resolves when the process has exited, with its exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the server wrote to stdout so far (its JSON log lines), when started with `captureOutput`. */
  output: () => string;
}

export interface StartOptions {
  /** Keep the server's stdout (its JSON log lines) for `output()` rather than dropping it. */
  captureOutput?: boolean;
  /** How long to wait for /healthz (cluster workers on a busy machine take a while). */
  healthTimeoutMs?: number;
}

/**
 * Every simulated user of a test server comes from 127.0.0.1, so the per-address
 * login and sign-up limits are raised out of the way; a test of the limits
 * passes its own values in `env`.
 */
const ONE_CLIENT_MANY_USERS = { LOGIN_ATTEMPTS_PER_IP: "100000", SIGNUPS_PER_IP: "100000" };

/** Serves `buildDir` with server.js (as `npm start` does) on a free loopback port (or `port`) and waits for /healthz. */
export async function startServer(
  buildDir: string,
  env: Record<string, string>,
  port?: number,
  options: StartOptions = {},
): Promise<RunningServer> {
  const listenOn = port ?? (await freePort());
  const child = spawn(process.execPath, [path.resolve("server.js")], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(listenOn),
      HOST: "127.0.0.1",
      ...ONE_CLIENT_MANY_USERS,
      ...env,
      REHEARSE_BUILD_DIR: buildDir,
    },
    stdio: ["ignore", options.captureOutput ? "pipe" : "ignore", "inherit"],
  });
  let output = "";
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const baseURL = `http://127.0.0.1:${listenOn}`;
  // A server that dies at boot (a bad setting, a taken port) fails the caller now, not after the health timeout.
  let healthy = false;
  let died = false;
  const diedAtBoot = exited.then(() => {
    died = true;
    if (!healthy)
      throw new Error(
        `server.js exited (code ${child.exitCode}, signal ${child.signalCode}) before it was healthy`,
      );
  });
  try {
    await Promise.race([
      pollHealthy(baseURL, options.healthTimeoutMs ?? 30_000, () => died),
      diedAtBoot,
    ]);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  healthy = true;
  return {
    baseURL,
    process: child,
    exited,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
