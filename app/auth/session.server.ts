import { createCookie, redirect } from "@remix-run/node";
import { and, eq, gt } from "drizzle-orm";
import { sessions, users } from "../../db/schema";
import { getDb } from "~/db.server";
import { signedCookieOptions } from "~/security/cookie-options.server";
import { assertSameOrigin } from "./same-origin.server";

const SESSION_DAYS = 30;

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  cookie ??= createCookie("__session", signedCookieOptions(SESSION_DAYS * 24 * 60 * 60));
  return cookie;
}

async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

/** The id of the session this request's cookie names (live or not), or null. */
export const currentSessionId = readSessionId;

export async function getUser(request: Request) {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const row = getDb()
    .select({ id: users.id, username: users.username })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date())))
    .get();
  return row ?? null;
}

export type SessionUser = NonNullable<Awaited<ReturnType<typeof getUser>>>;

/**
 * The signed-in user, or a redirect to log in. Every loader and action that
 * touches user data starts here; for posts it also refuses cross-site requests.
 */
export async function requireUser(request: Request): Promise<SessionUser> {
  assertSameOrigin(request);
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const redirectTo = request.method === "GET" ? `${url.pathname}${url.search}` : "/";
    throw redirect(`/login?${new URLSearchParams({ redirectTo })}`);
  }
  return user;
}

/** Starts a fresh session (a new id at every login, never a reused one) and redirects. */
export async function startSession(userId: string, redirectTo: string): Promise<Response> {
  // Checked before the row exists: a Location that cannot be sent must not leave an orphan session.
  const location = safeRedirect(redirectTo);
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60 * 1000);
  const session = getDb().insert(sessions).values({ userId, expiresAt }).returning().get();
  return redirect(location, {
    headers: { "Set-Cookie": await sessionCookie().serialize(session.id, { expires: expiresAt }) },
  });
}

/**
 * Logs out: this session, or with `everywhere` every session of its user
 * (other browsers and devices, and this one too). Either way this browser's
 * cookie is emptied, and it goes to `redirectTo` (an on-site path).
 */
export async function endSession(
  request: Request,
  { everywhere = false, redirectTo = "/" } = {},
): Promise<Response> {
  const sessionId = await readSessionId(request);
  if (sessionId) {
    const db = getDb();
    const row = everywhere
      ? db
          .select({ userId: sessions.userId })
          .from(sessions)
          .where(eq(sessions.id, sessionId))
          .get()
      : undefined;
    if (row) db.delete(sessions).where(eq(sessions.userId, row.userId)).run();
    else db.delete(sessions).where(eq(sessions.id, sessionId)).run();
  }
  return redirect(safeRedirect(redirectTo), {
    headers: {
      "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) }),
    },
  });
}

/** A stand-in origin for resolving a path; only its being equal afterwards matters. */
const SITE = "http://rehearse.invalid";

/**
 * Control characters, whitespace (ASCII and Unicode) and invisible format
 * characters. Browsers drop tabs and newlines anywhere in a URL and trim the
 * rest at its ends, so `/\t/evil.example` is followed as `//evil.example`:
 * they are removed before anything is judged.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}\s]/gu;

/**
 * Where to go after logging in: only a plain path on this site, otherwise
 * `fallback`. Normalises first, then refuses backslashes, `//`, schemes and
 * anything that resolves to another origin; the result is pure printable ASCII
 * (non-ASCII is percent-encoded), so it is always a valid Location header.
 * Never throws.
 */
export function safeRedirect(
  to: FormDataEntryValue | string | null | undefined,
  fallback = "/",
): string {
  if (typeof to !== "string" || to.length > 2048) return fallback;
  const cleaned = to.replace(INVISIBLE, "");
  if (!cleaned.startsWith("/") || cleaned.startsWith("//") || cleaned.includes("\\"))
    return fallback;
  try {
    const url = new URL(cleaned, SITE);
    if (url.origin !== SITE) return fallback;
    const path = `${url.pathname}${url.search}${url.hash}`;
    // `/..//evil` resolves to `//evil`; a path must not start like a network address.
    if (!path.startsWith("/") || path.startsWith("//") || !/^[\x21-\x7e]+$/.test(path))
      return fallback;
    return path;
  } catch {
    return fallback;
  }
}
