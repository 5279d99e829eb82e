import { describe, expect, test } from "vitest";
import {
  backoffDelay,
  BASE_BACKOFF_MS,
  MAX_BACKOFF_MS,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  withRetries,
  type RetryDecision,
} from "./retry";

const headers = (values: Record<string, string>) => new Headers(values);

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");

  test("reads seconds, fractional seconds and retry-after-ms", () => {
    expect(parseRetryAfter(headers({ "retry-after": "3" }), now)).toBe(3000);
    expect(parseRetryAfter(headers({ "retry-after": "0.5" }), now)).toBe(500);
    expect(parseRetryAfter(headers({ "retry-after-ms": "250", "retry-after": "9" }), now)).toBe(
      250,
    );
  });

  test("reads an HTTP date, and a date in the past means now", () => {
    expect(parseRetryAfter(headers({ "retry-after": "Wed, 01 Jan 2025 00:00:07 GMT" }), now)).toBe(
      7000,
    );
    expect(parseRetryAfter(headers({ "retry-after": "Tue, 31 Dec 2024 23:59:00 GMT" }), now)).toBe(
      0,
    );
  });

  test("ignores what it cannot read", () => {
    expect(parseRetryAfter(headers({ "retry-after": "soon" }), now)).toBeNull();
    expect(parseRetryAfter(headers({}), now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});

describe("backoffDelay", () => {
  test("grows exponentially up to a cap, with full jitter", () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 6].map((retry) => backoffDelay(retry, null, () => 1));
    expect(ceilings).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect(backoffDelay(3, null, () => 0)).toBe(0);
    expect(backoffDelay(1, null, () => 0.25)).toBe(BASE_BACKOFF_MS * 2 * 0.25);
    expect(Math.max(...ceilings)).toBe(MAX_BACKOFF_MS);
  });

  test("honours Retry-After, capped", () => {
    expect(backoffDelay(0, 2000, () => 0.5)).toBe(2000);
    expect(backoffDelay(0, 3_600_000, () => 0.5)).toBe(MAX_RETRY_AFTER_MS);
  });
});

describe("withRetries", () => {
  const retryable: RetryDecision = { retry: true, retryAfterMs: null };

  test("retries up to maxRetries, sleeping the backoff between attempts, then throws the last error", async () => {
    const sleeps: number[] = [];
    let attempts = 0;
    const run = withRetries(
      async () => {
        attempts++;
        throw new Error(`failure ${attempts}`);
      },
      {
        maxRetries: 3,
        decide: () => retryable,
        random: () => 0.5,
        sleep: async (ms) => void sleeps.push(ms),
      },
    );
    await expect(run).rejects.toThrow("failure 4");
    expect(attempts).toBe(4);
    expect(sleeps).toEqual([250, 500, 1000]);
  });

  test("returns as soon as an attempt succeeds", async () => {
    let attempts = 0;
    const retries: number[] = [];
    const result = await withRetries(
      async () => {
        if (++attempts < 3) throw new Error("busy");
        return "ok";
      },
      {
        maxRetries: 5,
        decide: () => retryable,
        sleep: async () => {},
        onRetry: ({ retry }) => retries.push(retry),
      },
    );
    expect(result).toBe("ok");
    expect(retries).toEqual([1, 2]);
  });

  test("does not retry what the policy refuses", async () => {
    let attempts = 0;
    const run = withRetries(
      async () => {
        attempts++;
        throw new Error("bad request");
      },
      { maxRetries: 3, decide: () => ({ retry: false }), sleep: async () => {} },
    );
    await expect(run).rejects.toThrow("bad request");
    expect(attempts).toBe(1);
  });

  test("stops waiting when the signal aborts", async () => {
    const controller = new AbortController();
    const run = withRetries(
      async () => {
        setTimeout(() => controller.abort(), 5);
        throw new Error("busy");
      },
      {
        maxRetries: 3,
        decide: () => ({ retry: true, retryAfterMs: 60_000 }),
        signal: controller.signal,
      },
    );
    await expect(run).rejects.toThrow(/abort/i);
  });
});
