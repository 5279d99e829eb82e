import { getSqlite, openDatabase } from "~/db.server";
import { getEnv } from "~/env.server";

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

/** Closes this process's connection (the last step of a shutdown): the WAL is checkpointed. */
export function closeDatabase(): void {
  getSqlite().close();
}
