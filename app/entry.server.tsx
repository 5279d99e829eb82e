import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { getEnv } from "./env.server";
import { getPrompts } from "./grading/llm/prompts.server";
import { getBank } from "./question-bank/load-bank.server";
import { getReadyRounds } from "./rounds/ready-rounds.server";
import { NonceProvider } from "./security/csp";
import { logError } from "./utils/log.server";

// Fail at boot, naming the variable, file or field at fault, rather than on a user's first answer.
getEnv();
getBank();
getReadyRounds();
getPrompts();

/**
 * Which proxies server.js may believe about the client's address. server.js is
 * plain JavaScript and cannot import the env schema; it reads the validated
 * value from this module (the build's `entry.module`).
 */
export const trustProxy = getEnv().TRUST_PROXY;

/** For server.js: refuse cross-site posts with a 403 before Remix, whose own check answers a bare 500. */
export { isCrossSite } from "./auth/same-origin.server";

/** For server.js: the body size limit of each path, applied before anything is parsed. */
export { bodyLimitFor, bodyTooLargeMessage } from "./security/body-limit.server";

/** For server.js: grades answers a crash left submitted but ungraded, at start-up and periodically. */
export { startGradingSweep } from "./grading/grading-sweep.server";

/** For server.js: JSON log lines (app/utils/log.server.ts) and the edges of a process's life. */
export {
  createRouteMatcher,
  log,
  logError,
  logRequest,
  routeConsoleToLog,
} from "./utils/log.server";
export { closeDatabase, migrateDatabase } from "./utils/process-lifecycle.server";
export { gradingsRunningHere } from "./grading/grading-lease.server";

/**
 * An error a loader, action or render threw: one log line with its stack and
 * the request's method and path (never its query string, body or cookies). A
 * request the client abandoned, or one no route matches (a 404), is not an error.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  logError("unhandled error", error, {
    method: request.method,
    path: new URL(request.url).pathname,
  });
};

const ABORT_DELAY = 5_000;

/** Renders the whole page before sending it: the app's loaders resolve everything up front. */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Without server.js there is neither a nonce nor a CSP header, and the page renders the same.
  const nonce = loadContext.cspNonce ?? "";
  return new Promise<Response>((resolve, reject) => {
    let failed = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          clearTimeout(deadline);
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: failed ? 500 : responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(deadline);
          reject(error);
        },
        onError(error: unknown) {
          failed = true;
          logError("render error", error, { path: new URL(request.url).pathname });
        },
      },
    );
    // React renders on a later tick, so the callbacks above run after this is set. They clear it,
    // so a finished request leaves no timer holding up a graceful shutdown.
    const deadline = setTimeout(abort, ABORT_DELAY);
  });
}
