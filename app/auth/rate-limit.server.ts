import { forget, remember } from "@epic-web/remember";
import { data, type HeadersFunction } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { RateLimiterRes, RateLimiterSQLite } from "rate-limiter-flexible";
import { getDb, getSqlite } from "~/db.server";
import { getEnv } from "~/env.server";
import { addressBucket } from "~/security/client-ip.server";
import type { SubmissionResult } from "@conform-to/react";

/**
 * Brakes on password guessing and mass sign-up, counted in the app's SQLite
 * database (rate-limiter-flexible's RateLimiterSQLite on the `rate_limits`
 * table), so every process on one database shares one count and a restart
 * forgets nothing.
 *
 * Log-in failures are counted per username *and client address*: a stranger
 * guessing at an account locks out only their own address, never the owner
 * logging in from elsewhere. The per-address limit on all attempts caps what
 * one address can try across usernames. See docs/decisions/008-security.md.
 *
 * Every attempt takes its point before the password is checked, so a burst of
 * parallel requests cannot all slip in under the limit while scrypt runs.
 * A request without a client address (only possible when the app is not
 * served by server.js) is limited by username alone: one shared bucket would
 * let a single client lock everyone out.
 */

const LOGIN_WINDOW_SECONDS = 15 * 60;
const SIGNUP_WINDOW_SECONDS = 60 * 60;

interface Limiters {
  loginByIp: RateLimiterSQLite;
  loginByUsername: RateLimiterSQLite;
  signupByIp: RateLimiterSQLite;
}

function sqliteLimiter(keyPrefix: string, points: number, duration: number): RateLimiterSQLite {
  return new RateLimiterSQLite({
    storeClient: getSqlite(),
    storeType: "better-sqlite3",
    // Created by the app's migrations (db/schema.ts: rateLimits).
    tableName: "rate_limits",
    tableCreated: true,
    clearExpiredByTimeout: true,
    keyPrefix,
    points,
    duration,
  });
}

/** One set per process (remembered across development rebuilds, like the connection they count in). */
function getLimiters(): Limiters {
  return remember("rate-limiters", () => {
    const env = getEnv();
    return {
      loginByIp: sqliteLimiter("login-ip", env.LOGIN_ATTEMPTS_PER_IP, LOGIN_WINDOW_SECONDS),
      loginByUsername: sqliteLimiter(
        LOGIN_USER_PREFIX,
        env.LOGIN_FAILURES_PER_USERNAME,
        LOGIN_WINDOW_SECONDS,
      ),
      signupByIp: sqliteLimiter("signup-ip", env.SIGNUPS_PER_IP, SIGNUP_WINDOW_SECONDS),
    };
  });
}

const LOGIN_USER_PREFIX = "login-user";

/**
 * How every stored row counting `username`'s log-in failures (from any address)
 * begins, as rate-limiter-flexible writes it (`prefix:key`): deleted with the account.
 */
export const usernameRowsPrefix = (username: string) => `${LOGIN_USER_PREFIX}:${username}@`;

/** The key of one username's failures from one address bucket (or from nowhere known). */
const usernameKey = (username: string, bucket: string | null) =>
  `${username}@${bucket ?? "unknown"}`;

let warnedNoAddress = false;

/** The address bucket to count in, or null (and a one-time warning in production) when there is no address. */
function bucketOf(ip: string | null): string | null {
  if (ip !== null) return addressBucket(ip);
  if (!warnedNoAddress && getEnv().NODE_ENV === "production") {
    warnedNoAddress = true;
    console.warn(
      "No client address in the load context: login and sign-up are limited per username only. Serve the app with server.js.",
    );
  }
  return null;
}

/** Null when the attempt may go ahead; otherwise how long until it may. */
export type Verdict = { retryAfterSeconds: number } | null;

async function take(limiter: RateLimiterSQLite, key: string): Promise<Verdict> {
  try {
    await limiter.consume(key);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return { retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
    throw rejection;
  }
}

/**
 * Counts one login attempt against the client's address and, when the form
 * named a valid username, against that username from that address. The
 * username's point is given back only by a successful login (`forgetLoginFailures`).
 */
export async function limitLoginAttempt(
  ip: string | null,
  username: string | null,
): Promise<Verdict> {
  const { loginByIp, loginByUsername } = getLimiters();
  const bucket = bucketOf(ip);
  const byIp = bucket === null ? null : await take(loginByIp, bucket);
  if (byIp) return byIp;
  return username === null ? null : take(loginByUsername, usernameKey(username, bucket));
}

export async function forgetLoginFailures(ip: string | null, username: string): Promise<void> {
  await getLimiters().loginByUsername.delete(usernameKey(username, bucketOf(ip)));
}

/** Counts one sign-up attempt (a valid form: a new account or a taken name) against the client's address. */
export async function limitSignupAttempt(ip: string | null): Promise<Verdict> {
  const bucket = bucketOf(ip);
  return bucket === null ? null : take(getLimiters().signupByIp, bucket);
}

/** The 429 a limited form gets: a message saying when to retry, Retry-After, and the typed values kept. */
export function tooManyAttempts(
  { retryAfterSeconds }: { retryAfterSeconds: number },
  submission: {
    reply: (options: { formErrors: string[]; hideFields: string[] }) => SubmissionResult<string[]>;
  },
  hideFields: string[],
) {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const message = `Too many attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
  return data(submission.reply({ formErrors: [message], hideFields }), {
    status: 429,
    headers: { "Retry-After": String(retryAfterSeconds) },
  });
}

/**
 * The `headers` export of a route whose action may answer `tooManyAttempts`:
 * a page (not data) request takes its headers from here, so pass on Retry-After.
 */
export const passOnRetryAfter: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

/** Forgets every count and re-reads the limits from the environment (tests only). */
export function resetRateLimitsForTests(): void {
  forget("rate-limiters");
  getDb().run(sql`delete from rate_limits`);
}
