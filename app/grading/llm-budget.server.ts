import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { and, count, eq, gt, gte, isNull } from "drizzle-orm";
import { llmCalls } from "../../db/schema";
import { getDb, getSqlite } from "~/db.server";
import { getEnv } from "~/env.server";

/**
 * What the LLM may cost, counted per upstream request in the database (table
 * `llm_calls`) so every process on it shares one count and a restart forgets
 * nothing. The OpenAI client's fetch (openai-client.server.ts) reserves a row
 * before every request it sends on behalf of a user (`llmCaller` says whom):
 *
 * - LLM_DAILY_LIMIT: requests a user may *start* per UTC day (a grading is
 *   usually one; a retry or a correction is another). A call counts when it
 *   starts, whatever becomes of it, so 50 streams opened at once cannot all
 *   slip under the limit.
 * - LLM_CONCURRENCY_PER_USER / LLM_CONCURRENCY_TOTAL: requests running at once
 *   per user and in all. One over either waits its turn (up to
 *   LLM_QUEUE_WAIT_MS), re-checking the daily limit each time, then the answer
 *   is graded offline, saying why.
 *
 * A running call renews `alive_until`; one whose process died stops counting
 * as running after GRADING_LEASE_MS (it still counts for the day).
 */

/** Whose LLM requests the code inside `llmCaller.run(...)` makes. */
export const llmCaller = new AsyncLocalStorage<{ userId: string; answerId: string | null }>();

export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Calls to the LLM this user started since midnight UTC (running, finished or abandoned). */
export function llmCallsToday(userId: string, now = new Date()): number {
  const row = getDb()
    .select({ n: count() })
    .from(llmCalls)
    .where(and(eq(llmCalls.userId, userId), gte(llmCalls.startedAt, startOfUtcDay(now))))
    .get();
  return row?.n ?? 0;
}

export const dailyLimitReason = (limit: number) =>
  `you reached today's limit of ${limit} LLM calls; it resets at midnight UTC`;

export interface LlmCall {
  id: string;
  /** Marks the call finished (outcome: "graded" or the failure kind); it stops counting as running. */
  finish(outcome: string): void;
}

type Attempt =
  { kind: "reserved"; call: LlmCall } | { kind: "refused"; reason: string } | { kind: "busy" };

function tryReserve(userId: string, answerId: string | null): Attempt {
  const env = getEnv();
  const db = getDb();
  const now = new Date();
  const running = and(isNull(llmCalls.finishedAt), gt(llmCalls.aliveUntil, now));
  // IMMEDIATE: the count and the insert happen under SQLite's write lock, so two
  // processes (or two requests) cannot both take the last slot.
  const id = getSqlite()
    .transaction((): Attempt | string => {
      if (llmCallsToday(userId, now) >= env.LLM_DAILY_LIMIT) {
        return { kind: "refused", reason: dailyLimitReason(env.LLM_DAILY_LIMIT) };
      }
      const mine = db
        .select({ n: count() })
        .from(llmCalls)
        .where(and(eq(llmCalls.userId, userId), running))
        .get();
      if ((mine?.n ?? 0) >= env.LLM_CONCURRENCY_PER_USER) return { kind: "busy" };
      const all = db.select({ n: count() }).from(llmCalls).where(running).get();
      if ((all?.n ?? 0) >= env.LLM_CONCURRENCY_TOTAL) return { kind: "busy" };
      const inserted = db
        .insert(llmCalls)
        .values({
          id: randomUUID(),
          userId,
          answerId,
          startedAt: now,
          aliveUntil: new Date(now.getTime() + env.GRADING_LEASE_MS),
        })
        .returning({ id: llmCalls.id })
        .get();
      return inserted.id;
    })
    .immediate();
  if (typeof id !== "string") return id;

  // Renewed while it runs, but never past twice the LLM timeout: a body nobody reads stops counting.
  const renewUntil = Date.now() + 2 * env.OPENAI_TIMEOUT_MS;
  const renewal = setInterval(
    () => {
      if (Date.now() > renewUntil) return clearInterval(renewal);
      try {
        db.update(llmCalls)
          .set({ aliveUntil: new Date(Date.now() + env.GRADING_LEASE_MS) })
          .where(eq(llmCalls.id, id))
          .run();
      } catch (error) {
        console.warn("Could not renew an LLM call:", error);
      }
    },
    Math.max(250, Math.floor(env.GRADING_LEASE_MS / 3)),
  );
  renewal.unref();
  let finished = false;
  return {
    kind: "reserved",
    call: {
      id,
      finish(outcome) {
        if (finished) return;
        finished = true;
        clearInterval(renewal);
        db.update(llmCalls)
          .set({ finishedAt: new Date(), outcome })
          .where(eq(llmCalls.id, id))
          .run();
      },
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A slot for one LLM grading, waiting for one when the user or the server is
 * at its concurrency limit. `{ ok: false }` carries the reason the answer is
 * graded offline instead (the daily limit, or no slot within LLM_QUEUE_WAIT_MS).
 */
export async function reserveLlmCall(
  userId: string,
  answerId: string | null,
): Promise<{ ok: true; call: LlmCall } | { ok: false; reason: string }> {
  const { LLM_QUEUE_WAIT_MS } = getEnv();
  const until = Date.now() + LLM_QUEUE_WAIT_MS;
  let pause = 100;
  for (;;) {
    const attempt = tryReserve(userId, answerId);
    if (attempt.kind === "reserved") return { ok: true, call: attempt.call };
    if (attempt.kind === "refused") return { ok: false, reason: attempt.reason };
    if (Date.now() >= until) {
      return {
        ok: false,
        reason: `the LLM was busy with other gradings for ${Math.round(LLM_QUEUE_WAIT_MS / 1000)} s; use “Re-grade” later`,
      };
    }
    await sleep(Math.min(pause, Math.max(0, until - Date.now())) + Math.random() * 50);
    pause = Math.min(pause * 2, 1_000);
  }
}
