import { setTimeout as wait } from "node:timers/promises";

/**
 * The app's retry policy for LLM calls: exponential backoff with full jitter
 * (a random delay between 0 and base * 2^n, capped), unless the server said
 * how long to wait with Retry-After, which is honoured up to a cap.
 */

export const BASE_BACKOFF_MS = 500;
export const MAX_BACKOFF_MS = 8_000;
/** A server asking for a longer pause than this is waited on for this long, not longer: someone is watching a spinner. */
export const MAX_RETRY_AFTER_MS = 20_000;

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = async (ms, signal) => {
  await wait(ms, undefined, { signal });
};

interface HeaderBag {
  get(name: string): string | null;
}

/** The wait a response asks for, in ms: `retry-after-ms`, or `Retry-After` in seconds or as an HTTP date. */
export function parseRetryAfter(
  headers: HeaderBag | undefined,
  now: number = Date.now(),
): number | null {
  if (!headers) return null;
  const ms = headers.get("retry-after-ms")?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.round(Number(ms));
  const value = headers.get("retry-after")?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/** The pause before retry number `retry` (0 for the first retry). */
export function backoffDelay(
  retry: number,
  retryAfterMs: number | null,
  random: () => number,
): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** retry);
  return Math.round(random() * ceiling);
}

export type RetryDecision = { retry: false } | { retry: true; retryAfterMs: number | null };

export interface RetryPolicy {
  maxRetries: number;
  decide: (error: unknown) => RetryDecision;
  sleep?: Sleep;
  random?: () => number;
  signal?: AbortSignal;
  onRetry?: (info: { retry: number; delayMs: number; error: unknown }) => void;
}

/** Runs `attempt` until it succeeds, fails in a way `decide` will not retry, or the retries run out (the last error is thrown). */
export async function withRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  const sleep = policy.sleep ?? realSleep;
  const random = policy.random ?? Math.random;
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      const decision = policy.decide(error);
      if (!decision.retry || retry >= policy.maxRetries) throw error;
      const delayMs = backoffDelay(retry, decision.retryAfterMs, random);
      policy.onRetry?.({ retry: retry + 1, delayMs, error });
      await sleep(delayMs, policy.signal);
    }
  }
}
