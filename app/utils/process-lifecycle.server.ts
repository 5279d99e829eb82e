import { like, sql } from "drizzle-orm";
import { gradingLeases } from "../../db/schema";
import { getDb, getSqlite, openDatabase } from "~/db.server";
import { getEnv } from "~/env.server";
import { PROCESS_ID } from "~/grading/grading-lease.server";

/**
 * What server.js needs at the edges of a process's life, reached through the
 * build's entry module (server.js is plain JavaScript and imports no app code).
 */

/**
 * Brings the database's schema up to date and closes it again: the cluster
 * primary runs this once before forking, so workers never race to apply the
 * same migration (each worker's own migrate() then finds nothing to do).
 */
export function migrateDatabase(): void {
  openDatabase(getEnv().DATABASE_PATH).sqlite.close();
}

/**
 * Gradings this process is running now: the grading leases it holds
 * (app/grading/grading-lease.server.ts), whether a request or the sweep
 * started them. Shutdown waits for this to reach 0.
 */
export function gradingsRunningHere(): number {
  const row = getDb()
    .select({ n: sql<number>`count(*)` })
    .from(gradingLeases)
    .where(like(gradingLeases.holder, `${PROCESS_ID}-%`))
    .get();
  return row?.n ?? 0;
}

/** Closes this process's connection (the last step of a shutdown): the WAL is checkpointed. */
export function closeDatabase(): void {
  getSqlite().close();
}
