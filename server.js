// The production (and development) server: Express around the Remix build.
// It replaces remix-serve for two things remix-serve cannot do: give the app
// the client's address (for rate limits) and set security headers on every
// response, static files included. See docs/decisions/008-security.md.
//
//   NODE_ENV=production node server.js        serves ./build (or $REHEARSE_BUILD_DIR)
//   remix dev --manual -c "node server.js"    development, reloaded on each rebuild
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import { statSync, watch } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Transform } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import {
  broadcastDevReady,
  createReadableStreamFromReadable,
  createRequestHandler,
  installGlobals,
  writeReadableStreamToWritable,
} from "@remix-run/node";
import compression from "compression";
import express from "express";
import expressStaticGzip from "express-static-gzip";
import helmet from "helmet";

process.env.NODE_ENV ??= "production";
const MODE = process.env.NODE_ENV;
const PORT = Number(process.env.PORT || 3000);
// Loopback unless told otherwise, so a fresh install is not on the network.
const HOST = process.env.HOST || "127.0.0.1";
// Tests and benchmarks build into their own directory (see remix.config.js).
const BUILD_DIR = path.resolve(process.env.REHEARSE_BUILD_DIR || "build");
const BUILD_PATH = path.join(BUILD_DIR, "index.js");
// Worker processes (node:cluster) sharing the port and the one SQLite database.
const WORKERS = Number(process.env.WEB_CONCURRENCY || 1);
if (!Number.isInteger(WORKERS) || WORKERS < 1 || WORKERS > 64) {
  throw new Error(
    `WEB_CONCURRENCY must be a whole number from 1 to 64, not "${process.env.WEB_CONCURRENCY}"`,
  );
}
// How long in-flight requests and gradings get to finish after SIGTERM or SIGINT.
const SHUTDOWN_TIMEOUT_MS = Number(process.env.SHUTDOWN_TIMEOUT_MS || 10_000);
if (!Number.isFinite(SHUTDOWN_TIMEOUT_MS) || SHUTDOWN_TIMEOUT_MS < 0) {
  throw new Error(
    `SHUTDOWN_TIMEOUT_MS must be a number of milliseconds, not "${process.env.SHUTDOWN_TIMEOUT_MS}"`,
  );
}

process.setSourceMapsEnabled(true);

/** Imports the server build; the query string makes a rebuilt file a new module. */
async function importBuild() {
  const { mtimeMs } = statSync(BUILD_PATH);
  return import(`${pathToFileURL(BUILD_PATH).href}?t=${mtimeMs}`);
}

// Importing the build validates the environment, question bank and prompts
// (entry.server.tsx): a bad setting stops the server here, named. In cluster
// mode the primary does this first, so the session secret a fresh install
// generates is written once, before any worker reads it.
let build = await importBuild();
/** Logging and lifecycle helpers of the build (app/utils/log.server.ts, process-lifecycle.server.ts, grading/grading-lease.server.ts). */
const ops = build.entry.module;
// One JSON object per line (app/utils/log.server.ts); development keeps plain console output.
if (MODE !== "development") ops.routeConsoleToLog();

if (cluster.isPrimary && WORKERS > 1) {
  runPrimary();
} else {
  await runWorker();
}

/**
 * The cluster primary: migrates the database once, forks the workers (the
 * port is shared; connections are handed out round-robin), replaces a worker
 * that dies, and on SIGTERM/SIGINT passes SIGTERM on and waits for them all.
 * Every piece of state two requests share lives in SQLite (rate limits,
 * grading leases, LLM quotas and calls in flight, sessions), so it makes no
 * difference which worker answers; see docs/decisions/011.
 */
function runPrimary() {
  ops.migrateDatabase();
  let stopping = false;
  let failed = false;
  const listening = new Set();
  const fork = () => cluster.fork();
  cluster.on("listening", (worker) => listening.add(worker.id));
  cluster.on("exit", (worker, code, signal) => {
    const wasListening = listening.delete(worker.id);
    // A worker still starting when told to stop dies of the SIGTERM itself: that is no failure.
    if (code !== 0 && !(stopping && signal === "SIGTERM")) failed = true;
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        ops.log("info", "stopped", { workers: WORKERS });
        process.exit(failed ? 1 : 0);
      }
      return;
    }
    if (!wasListening) {
      // Died before it listened (a taken port, a broken build): another would die the same way.
      ops.log("error", "a worker died at start-up; stopping", {
        worker: worker.process.pid,
        code,
        signal,
      });
      stopAll("SIGTERM");
      return;
    }
    ops.log("error", "a worker died; starting another", {
      worker: worker.process.pid,
      code,
      signal,
    });
    fork();
  });

  function stopAll(signal) {
    if (stopping) return;
    stopping = true;
    ops.log("info", "stopping workers", {
      signal,
      workers: Object.keys(cluster.workers ?? {}).length,
    });
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
    // Each worker has SHUTDOWN_TIMEOUT_MS; one that is stuck beyond that is killed.
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS + 5_000).unref();
  }

  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => stopAll(signal));
  ops.log("info", "starting workers", { workers: WORKERS });
  for (let i = 0; i < WORKERS; i += 1) fork();
}

/** One server process: the whole app when WEB_CONCURRENCY is 1, else one cluster worker. */
async function runWorker() {
  // Alone, this process migrates before it listens; a worker finds the primary has done it.
  if (!cluster.isWorker) ops.migrateDatabase();
  installGlobals({ nativeFetch: build.future.v3_singleFetch });

  // MOCKS=true (development, browser tests): msw answers the OpenAI API inside this process.
  // It starts here, at the process entry, so the app never imports tests/ and the build
  // carries no msw; and after installGlobals, which would undo msw's patch of fetch.
  // The mocks are TypeScript and msw a dev dependency: this needs a checkout with them installed.
  // MOCKS_LATENCY_MS and MOCKS_CHUNK_DELAY_MS slow the mocked model down (shutdown tests).
  if (["true", "1"].includes(process.env.MOCKS ?? "")) {
    const { tsImport } = await import("tsx/esm/api");
    const { startMockServer } = await tsImport("./tests/mocks/index.ts", import.meta.url);
    const delay = (name) => (process.env[name] ? Number(process.env[name]) : undefined);
    startMockServer({
      latencyMs: delay("MOCKS_LATENCY_MS"),
      chunkDelayMs: delay("MOCKS_CHUNK_DELAY_MS"),
    });
  }

  let inFlight = 0;
  let shuttingDown = false;
  const app = express();
  app.disable("x-powered-by");

  // One log line per request when its response is finished or abandoned: method, Remix route id
  // (or, outside Remix, the path without its query string), status and milliseconds. Never a
  // header, cookie, body or query string. Under NODE_ENV=test the answering process says its pid,
  // so a test can see both cluster workers at work.
  app.use((req, res, next) => {
    const started = performance.now();
    // Read now: a mounted handler sees its path without the mount (and the static files' one
    // rewrites it to the compressed copy), and may finish the response before restoring it.
    const requestPath = req.path;
    inFlight += 1;
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      inFlight -= 1;
      const route = res.locals.routeId ?? null;
      ops.logRequest({
        method: req.method,
        route,
        ...(route ? {} : { path: requestPath }),
        status: res.statusCode,
        ms: performance.now() - started,
        ...(res.writableFinished ? {} : { aborted: true }),
      });
    };
    res.on("finish", done);
    res.on("close", done);
    if (MODE === "test") res.setHeader("X-Worker-Pid", String(process.pid));
    next();
  });
  // Validated by the app's env schema; never `true`, which would let clients choose their address.
  app.set("trust proxy", build.entry.module.trustProxy ?? false);

  // A fresh nonce per response, for the inline scripts Remix renders (hydration data, scroll restoration).
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });

  app.use(
    helmet({
      contentSecurityPolicy: {
        // Helmet's defaults add upgrade-insecure-requests, which breaks the app on http://127.0.0.1.
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
          scriptSrcAttr: ["'none'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          // The grade stream (server-sent events) and Remix's data requests are same-origin.
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
        },
      },
      // Not no-referrer: with it, browsers send `Origin: null` on form posts, and the
      // same-origin check (app/auth/same-origin.server.ts) would refuse every one.
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      xFrameOptions: { action: "deny" },
    }),
  );

  app.use(compression());

  // Body size limits, before anything reads the body (app/security/body-limit.server.ts): a
  // declared length over the limit is refused unread; a chunked body is counted as it
  // arrives and cut off at the limit. Either way the answer is a short 413, the rest of
  // the upload is not read, and the connection is closed.
  class BodyTooLarge extends Error {}

  function refuseBody(req, res, limit) {
    // The route reading the body is cancelled (an aborted request's error is not logged as a crash).
    res.locals.abortRemix?.();
    if (!res.headersSent) {
      res.status(413).type("text/plain").send(build.entry.module.bodyTooLargeMessage(limit));
    }
    // Stop reading: the client is held by TCP back-pressure, then dropped once the 413 had time to
    // reach it. (Closing at once would reset the connection while the client is still sending, and
    // it would never see the 413; a read(0) first keeps Node from draining the unread body itself.)
    req.unpipe();
    req.read(0);
    req.pause();
    setTimeout(() => req.socket.destroy(), 2_000).unref();
  }

  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const limit = build.entry.module.bodyLimitFor(req.path);
    const declared = Number(req.get("content-length") ?? "0");
    if (declared > limit) return refuseBody(req, res, limit);
    let seen = 0;
    res.locals.body = req.pipe(
      new Transform({
        transform(chunk, _encoding, callback) {
          seen += chunk.length;
          if (seen <= limit) return callback(null, chunk);
          res.locals.bodyRefused = true;
          refuseBody(req, res, limit);
          callback(new BodyTooLarge("body over the limit"));
        },
      }),
    );
    next();
  });

  // Cross-site posts get a 403 here, by the app's own rule (app/auth/same-origin.server.ts):
  // Remix would refuse most of them too, but with a bare 500 and an error in the log.
  // Scheme and host are resolved as @remix-run/express builds request.url (X-Forwarded-Proto/-Host only behind a trusted proxy).
  app.use((req, res, next) => {
    const source = req.get("origin") ?? req.get("referer") ?? null;
    const port = req.get("x-forwarded-host")?.split(":")[1] || req.get("host")?.split(":")[1];
    const origin = `${req.protocol}://${req.hostname}${port ? `:${port}` : ""}`;
    if (build.entry.module.isCrossSite(req.method, source, origin)) {
      res.status(403).type("text/plain").send("Cross-site request refused.");
      return;
    }
    next();
  });

  // Hashed file names: cached for a year; a missing one is a plain 404, never a Remix page.
  // Scripts and stylesheets go out as compressed at build time (scripts/compress-assets.ts).
  app.use(
    build.publicPath,
    expressStaticGzip(path.resolve(build.assetsBuildDirectory), {
      enableBrotli: true,
      orderPreference: ["br", "gzip"],
      index: false,
      serveStatic: { immutable: true, maxAge: "1y", index: false },
    }),
  );
  app.use(build.publicPath, (_req, res) => res.status(404).type("text/plain").send("Not found"));
  app.use(express.static("public", { maxAge: "1h" }));

  /** What every loader and action receives as `context` (typed in remix.env.d.ts). */
  function getLoadContext(req, res) {
    return { clientIp: req.ip, cspNonce: res.locals.cspNonce };
  }

  // `remix dev` rewrites version.txt after each rebuild: load the new build and say so.
  const rebuilds =
    MODE === "development"
      ? watch(BUILD_DIR, async (_event, file) => {
          if (file !== "version.txt") return;
          try {
            build = await importBuild();
          } catch (error) {
            console.error("Could not load the new build:", error);
            return;
          }
          await announceBuild();
        })
      : null;

  /**
   * Remix's Express adapter (@remix-run/express), with one change: the body Remix
   * reads is the size-limited stream above, not the raw request.
   */
  function remixHandler(getHandler) {
    return async (req, res, next) => {
      try {
        const port = req.get("x-forwarded-host")?.split(":")[1] || req.get("host")?.split(":")[1];
        const url = new URL(
          `${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`,
        );
        let controller = new AbortController();
        res.on("finish", () => (controller = null));
        res.on("close", () => controller?.abort());
        res.locals.abortRemix = () => controller?.abort();
        const headers = new Headers();
        for (const [key, values] of Object.entries(req.headers)) {
          if (!values) continue;
          if (Array.isArray(values)) for (const value of values) headers.append(key, value);
          else headers.set(key, values);
        }
        const init = { method: req.method, headers, signal: controller.signal };
        if (res.locals.body) {
          const body = createReadableStreamFromReadable(res.locals.body);
          init.body = body;
          init.duplex = "half";
        }
        res.locals.routeId = routeIdFor(url.pathname);
        const response = await getHandler()(new Request(url.href, init), getLoadContext(req, res));
        // A body cut off at its limit has had its 413; whatever the route made of the stub is dropped.
        if (res.locals.bodyRefused || res.headersSent) {
          await response.body?.cancel().catch(() => {});
          return;
        }
        res.statusMessage = response.statusText;
        res.status(response.status);
        for (const [key, value] of response.headers.entries()) res.append(key, value);
        if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? ""))
          res.flushHeaders();
        if (response.body) await writeReadableStreamToWritable(response.body, res);
        else res.end();
      } catch (error) {
        if (res.locals.bodyRefused) return;
        next(error);
      }
    };
  }

  let routeIdFor = ops.createRouteMatcher(build.routes);
  if (MODE === "development") {
    app.all(
      "*",
      remixHandler(() => {
        routeIdFor = build.entry.module.createRouteMatcher(build.routes);
        return createRequestHandler(build, MODE);
      }),
    );
  } else {
    const handler = createRequestHandler(build, MODE);
    app.all(
      "*",
      remixHandler(() => handler),
    );
  }

  // Whatever escaped the handler: one log line with its stack (a request the client dropped is not an error).
  app.use((error, req, res, _next) => {
    if (!res.locals.bodyRefused && !req.destroyed) {
      ops.logError("request failed", error, { method: req.method, path: req.path });
    }
    if (!res.headersSent) res.status(500).type("text/plain").send("Internal Server Error");
    else res.destroy();
  });

  /** Tells `remix dev` (which sets REMIX_DEV_ORIGIN) that this server runs the latest build. */
  async function announceBuild() {
    if (MODE !== "development" || !process.env.REMIX_DEV_ORIGIN) return;
    await broadcastDevReady(build).catch((error) => console.error(error));
  }

  let stopSweep = null;
  const server = app.listen(PORT, HOST, () => {
    ops.log("info", "listening", { url: `http://${HOST}:${PORT}`, worker: cluster.isWorker });
    void announceBuild();
    // Answers a crash left submitted but ungraded are graded without anyone visiting. Every
    // worker sweeps; the grading lease lets one of them grade each answer.
    stopSweep = build.entry.module.startGradingSweep?.() ?? null;
  });
  server.on("error", (error) => {
    ops.logError("could not listen", error, { host: HOST, port: PORT });
    process.exit(1);
  });

  /**
   * Graceful shutdown: stop accepting, let in-flight requests and this
   * process's gradings (the leases it holds) finish for up to
   * SHUTDOWN_TIMEOUT_MS, close the database, exit 0. Past the deadline the
   * remaining connections are cut; a grading cut short keeps its answer
   * (stored before grading starts) and its lease lapses, so the sweep grades it
   * after the restart. A second identical signal exits at once.
   */
  async function shutdown(signal) {
    shuttingDown = true;
    const deadline = Date.now() + SHUTDOWN_TIMEOUT_MS;
    ops.log("info", "shutting down", { signal, inFlight, timeoutMs: SHUTDOWN_TIMEOUT_MS });
    rebuilds?.close();
    stopSweep?.();
    server.close();
    const gradings = () => {
      try {
        return ops.gradingsRunningHere();
      } catch {
        return 0;
      }
    };
    while (Date.now() < deadline && (inFlight > 0 || gradings() > 0)) {
      // A keep-alive connection whose request just finished would otherwise hold the server open.
      server.closeIdleConnections();
      await sleep(50);
    }
    const cut = { requests: inFlight, gradings: gradings() };
    if (cut.requests > 0 || cut.gradings > 0) {
      ops.log("warn", "shutdown deadline passed; cutting what is left", cut);
      server.closeAllConnections();
    }
    server.closeIdleConnections();
    try {
      ops.closeDatabase();
    } catch (error) {
      ops.logError("could not close the database", error);
    }
    ops.log("info", "stopped", { signal });
    process.exit(0);
  }

  const signalsSeen = new Set();
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => {
      if (signalsSeen.has(signal)) process.exit(1);
      signalsSeen.add(signal);
      if (!shuttingDown) void shutdown(signal);
    });
  }
}
