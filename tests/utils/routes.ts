import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createUser } from "~/auth/users.server";
import { startSession } from "~/auth/session.server";

export const ORIGIN = "http://localhost:3000";

const ROUTES_DIR = path.resolve("app/routes");

/** Every route of the app: the folders of app/routes ("rounds.$roundId.report"), each holding its route module. */
export function routeNames(): string[] {
  return readdirSync(ROUTES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** A route's module (its folder's route.tsx or route.ts), for tests that go through every route. */
export function importRoute<T>(name: string): Promise<T> {
  const dir = path.join(ROUTES_DIR, name);
  const file = existsSync(path.join(dir, "route.tsx")) ? "route.tsx" : "route.ts";
  return import(/* @vite-ignore */ path.join(dir, file)) as Promise<T>;
}

let counter = 0;

/** A user with a live session: the cookie header to send as them. */
export async function createSignedInUser(prefix = "user") {
  counter += 1;
  const username = `${prefix}${counter}${Math.random().toString(36).slice(2, 6)}`;
  const user = await createUser(username, "a long enough password");
  if (!user) throw new Error("could not create test user");
  const response = await startSession(user.id, "/");
  const cookie = response.headers.get("Set-Cookie")!.split(";")[0]!;
  return { user, cookie };
}

export function get(path: string, cookie?: string): Request {
  return new Request(`${ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

export function post(
  path: string,
  form: Record<string, string | string[]>,
  { cookie, origin = ORIGIN }: { cookie?: string; origin?: string | null } = {},
): Request {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (cookie) headers.Cookie = cookie;
  if (origin) headers.Origin = origin;
  return new Request(`${ORIGIN}${path}`, { method: "POST", body, headers });
}

export interface Outcome {
  status: number;
  data: unknown;
  location: string | null;
  headers: Headers;
}

function isDataWithInit(
  value: unknown,
): value is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { type?: unknown }).type === "DataWithResponseInit"
  );
}

async function toOutcome(value: unknown): Promise<Outcome> {
  if (value instanceof Response) {
    const text = await value.text();
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      // plain text body
    }
    return {
      status: value.status,
      data,
      location: value.headers.get("Location"),
      headers: value.headers,
    };
  }
  if (isDataWithInit(value)) {
    return {
      status: value.init?.status ?? 200,
      data: value.data,
      location: null,
      headers: new Headers(value.init?.headers),
    };
  }
  return { status: 200, data: value, location: null, headers: new Headers() };
}

/**
 * Runs a loader or action as Remix would and normalises what it returned or
 * threw (a redirect, a 4xx `data()`, plain data) into one shape to assert on.
 */
export async function run(
  fn: (args: LoaderFunctionArgs) => unknown,
  request: Request,
  params: Record<string, string | undefined> = {},
): Promise<Outcome> {
  try {
    return await toOutcome(await fn({ request, params, context: {} }));
  } catch (thrown) {
    if (thrown instanceof Response || isDataWithInit(thrown)) return toOutcome(thrown);
    throw thrown;
  }
}
