// The production (and development) server: Express around the Remix build.
// It replaces remix-serve for two things remix-serve cannot do: give the app
// the client's address (for rate limits) and set security headers on every
// response, static files included. See docs/decisions/008-security.md.
//
//   NODE_ENV=production node server.js        serves ./build (or $REHEARSE_BUILD_DIR)
//   remix dev --manual -c "node server.js"    development, reloaded on each rebuild
import { randomBytes } from "node:crypto";
import { statSync, watch } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Transform } from "node:stream";
import {
  broadcastDevReady,
  createReadableStreamFromReadable,
  createRequestHandler,
  installGlobals,
  writeReadableStreamToWritable,
} from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";

process.env.NODE_ENV ??= "production";
const MODE = process.env.NODE_ENV;
const PORT = Number(process.env.PORT || 3000);
// Loopback unless told otherwise, so a fresh install is not on the network.
const HOST = process.env.HOST || "127.0.0.1";
// Tests and benchmarks build into their own directory (see remix.config.js).
const BUILD_DIR = path.resolve(process.env.REHEARSE_BUILD_DIR || "build");
const BUILD_PATH = path.join(BUILD_DIR, "index.js");
// How long in-flight requests (a streaming grade) get to finish after SIGTERM.
const SHUTDOWN_GRACE_MS = 10_000;

process.setSourceMapsEnabled(true);

/** Imports the server build; the query string makes a rebuilt file a new module. */
async function importBuild() {
  const { mtimeMs } = statSync(BUILD_PATH);
  return import(`${pathToFileURL(BUILD_PATH).href}?t=${mtimeMs}`);
}

// Importing the build validates the environment, question bank and prompts
// (entry.server.tsx): a bad setting stops the server here, named.
let build = await importBuild();
installGlobals({ nativeFetch: build.future.v3_singleFetch });

// MOCKS=true (development, browser tests): msw answers the OpenAI API inside this process.
// It starts here, at the process entry, so the app never imports tests/ and the build
// carries no msw; and after installGlobals, which would undo msw's patch of fetch.
// The mocks are TypeScript and msw a dev dependency: this needs a checkout with them installed.
if (["true", "1"].includes(process.env.MOCKS ?? "")) {
  const { tsImport } = await import("tsx/esm/api");
  const { startMockServer } = await tsImport("./tests/mocks/index.ts", import.meta.url);
  startMockServer();
}

const app = express();
app.disable("x-powered-by");
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
app.use(
  build.publicPath,
  express.static(path.resolve(build.assetsBuildDirectory), { immutable: true, maxAge: "1y" }),
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
      const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
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
      const response = await getHandler()(new Request(url.href, init), getLoadContext(req, res));
      // A body cut off at its limit has had its 413; whatever the route made of the stub is dropped.
      if (res.locals.bodyRefused || res.headersSent) {
        await response.body?.cancel().catch(() => {});
        return;
      }
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [key, value] of response.headers.entries()) res.append(key, value);
      if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      if (res.locals.bodyRefused) return;
      next(error);
    }
  };
}

if (MODE === "development") {
  app.all("*", remixHandler(() => createRequestHandler(build, MODE)));
} else {
  const handler = createRequestHandler(build, MODE);
  app.all("*", remixHandler(() => handler));
}

/** Tells `remix dev` (which sets REMIX_DEV_ORIGIN) that this server runs the latest build. */
async function announceBuild() {
  if (MODE !== "development" || !process.env.REMIX_DEV_ORIGIN) return;
  await broadcastDevReady(build).catch((error) => console.error(error));
}

let stopSweep = null;
const server = app.listen(PORT, HOST, () => {
  console.log(`Rehearse is listening on http://${HOST}:${PORT}`);
  void announceBuild();
  // Answers a crash left submitted but ungraded are graded without anyone visiting.
  stopSweep = build.entry.module.startGradingSweep?.() ?? null;
});

// Stop accepting connections and let open requests finish; the process then
// exits by itself once nothing is left to do.
function shutdown(signal) {
  console.log(`${signal}: finishing open requests, then stopping.`);
  rebuilds?.close();
  stopSweep?.();
  server.close((error) => error && console.error(error));
  server.closeIdleConnections();
  // A streaming response may never end on its own: cap the wait.
  setTimeout(() => {
    server.closeAllConnections();
    process.exit(0);
  }, SHUTDOWN_GRACE_MS).unref();
  // A second signal means now.
  process.once(signal, () => process.exit(1));
}

for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => shutdown(signal));
