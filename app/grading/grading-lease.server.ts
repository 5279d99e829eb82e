import { randomUUID } from "node:crypto";
import { and, eq, like, sql } from "drizzle-orm";
import { gradingLeases } from "../../db/schema";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";

/**
 * One grading per answer across every process on the database: a grading
 * holds a row in `grading_leases` for its answer, renewed while it runs. A
 * second process (or a second caller once the first finished) sees the row and
 * waits; a row whose process died expires after GRADING_LEASE_MS and may be
 * taken over (by the sweep, app/grading/grading-sweep.server.ts, or a visitor).
 */

/** This process, as a lease holder. */
export const PROCESS_ID = `${process.pid}-${randomUUID().slice(0, 8)}`;

export interface Lease {
  release(): void;
}

/** Takes the answer's lease if nobody holds a live one; null when another grading holds it. */
export function tryLease(answerId: string, now = Date.now()): Lease | null {
  const ttl = getEnv().GRADING_LEASE_MS;
  const holder = `${PROCESS_ID}-${randomUUID().slice(0, 8)}`;
  const taken = getDb()
    .insert(gradingLeases)
    .values({ answerId, holder, expiresAt: new Date(now + ttl) })
    .onConflictDoUpdate({
      target: gradingLeases.answerId,
      set: { holder, expiresAt: new Date(now + ttl) },
      setWhere: sql`${gradingLeases.expiresAt} < ${now}`,
    })
    .returning({ holder: gradingLeases.holder })
    .get();
  if (taken?.holder !== holder) return null;
  const mine = and(eq(gradingLeases.answerId, answerId), eq(gradingLeases.holder, holder));
  const renewal = setInterval(
    () => {
      try {
        getDb()
          .update(gradingLeases)
          .set({ expiresAt: new Date(Date.now() + ttl) })
          .where(mine)
          .run();
      } catch (error) {
        console.warn("Could not renew a grading lease:", error);
      }
    },
    Math.max(250, Math.floor(ttl / 3)),
  );
  renewal.unref();
  return {
    release() {
      clearInterval(renewal);
      getDb().delete(gradingLeases).where(mine).run();
    },
  };
}

/** Whether some grading (in any process) holds a live lease on the answer. */
export function isLeased(answerId: string, now = Date.now()): boolean {
  const row = getDb()
    .select()
    .from(gradingLeases)
    .where(eq(gradingLeases.answerId, answerId))
    .get();
  return row !== undefined && row.expiresAt.getTime() >= now;
}

/**
 * Gradings this process is running now: the leases it holds, whether a
 * request or the sweep started them. Shutdown (server.js) waits for this to reach 0.
 */
export function gradingsRunningHere(): number {
  const row = getDb()
    .select({ n: sql<number>`count(*)` })
    .from(gradingLeases)
    .where(like(gradingLeases.holder, `${PROCESS_ID}-%`))
    .get();
  return row?.n ?? 0;
}
