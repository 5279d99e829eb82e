import { format } from "node:util";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";

/**
 * Structured logs: one JSON object per line on stdout, for `journalctl`, `jq`
 * or any collector. Plain JSON.stringify rather than pino: the app writes a
 * line per request and one per error, a few hundred a second at most, and
 * this file is all the formatting it needs (see docs/decisions/011).
 *
 * A request line carries the method, the Remix route id (never the query
 * string, which is where a secret would travel), the status and the time
 * taken. Nothing here reads a body, a cookie or a header: what the user
 * typed (answers, passwords) cannot reach a log line by this path.
 */

export type Level = "info" | "warn" | "error";

export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    pid: process.pid,
    msg,
    ...fields,
  });
  process.stdout.write(`${line}\n`);
}

/** An error's name, message and stack as log fields (a thrown non-Error is described, not dumped). */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    return { error: error.name, message: error.message, stack: error.stack };
  }
  return { error: typeof error, message: format(error).slice(0, 500) };
}

export function logError(msg: string, error: unknown, fields: Record<string, unknown> = {}): void {
  log("error", msg, { ...fields, ...errorFields(error) });
}

export interface RequestRecord {
  method: string;
  /** The Remix route id when the request reached Remix; otherwise null and `path` says what was asked. */
  route: string | null;
  path?: string;
  status: number;
  ms: number;
  /** The client went away before the response was finished. */
  aborted?: boolean;
}

export function logRequest(record: RequestRecord): void {
  log("info", "request", { ...record, ms: Math.round(record.ms * 10) / 10 });
}

/**
 * console.* as JSON lines, so the messages the rest of the app writes (the
 * grading sweep, the LLM client's warnings) are one parseable line each too.
 * An Error among the arguments gives the line its stack.
 */
export function routeConsoleToLog(): void {
  const emit =
    (level: Level) =>
    (...args: unknown[]) => {
      const error = args.find((a): a is Error => a instanceof Error);
      const rest = args.filter((a) => a !== error);
      const msg = rest.length > 0 ? format(...rest) : (error?.message ?? "");
      log(level, msg, error ? errorFields(error) : {});
    };
  console.log = emit("info");
  console.info = emit("info");
  console.warn = emit("warn");
  console.error = emit("error");
}

interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
}

/**
 * Which route of the build answers a path: Remix's own matcher over the
 * build's route manifest. A single-fetch data request (`/x.data`,
 * `/_root.data`) is named after the page it loads data for.
 */
export function createRouteMatcher(routes: Record<string, ManifestRoute | undefined>) {
  const childrenOf = (parentId: string | undefined): AgnosticRouteObject[] =>
    Object.values(routes)
      .filter((r): r is ManifestRoute => r !== undefined && r.parentId === parentId)
      .map((r) =>
        r.index
          ? { id: r.id, path: r.path, index: true, caseSensitive: r.caseSensitive }
          : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children: childrenOf(r.id) },
      );
  const tree = childrenOf(undefined);
  return (pathname: string): string | null => {
    let target = pathname;
    if (target === "/_root.data") target = "/";
    else if (target.endsWith(".data")) target = target.slice(0, -".data".length);
    const matches = matchRoutes(tree, target);
    return matches?.at(-1)?.route.id ?? null;
  };
}
