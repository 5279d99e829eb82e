import { remember } from "@epic-web/remember";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "../db/schema";
import { getEnv } from "./env.server";

export type Db = BetterSQLite3Database<typeof schema>;

/**
 * The one rule for matching text without regard to case, in JS and in SQL as
 * `fold_case(text)`: SQLite's own LIKE and lower() fold only A-Z, so "ZÜRICH"
 * would miss "Zürich".
 */
export const foldCase = (text: string): string => text.normalize("NFKC").toLowerCase();

/** Opens a SQLite file with the settings the app relies on, and brings its schema up to date. */
export function openDatabase(file: string): { db: Db; sqlite: Database.Database } {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // WAL with NORMAL is durable across application crashes; only an OS crash can lose the last commit.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.function("fold_case", { deterministic: true }, (value: unknown) =>
    typeof value === "string" ? foldCase(value) : value,
  );
  const db = drizzle(sqlite, { schema });
  // Foreign keys off while migrating: the migrator runs in one transaction, where SQLite ignores the
  // migrations' own `PRAGMA foreign_keys=OFF`, and rebuilding a table (drop, then rename a copy) would
  // otherwise cascade-delete every row that references it. Checked before they are switched back on.
  sqlite.pragma("foreign_keys = OFF");
  migrate(db, { migrationsFolder: path.resolve("db/migrations") });
  const broken = sqlite.pragma("foreign_key_check") as unknown[];
  if (broken.length > 0)
    throw new Error(`Migrating ${file} left ${broken.length} rows with a broken reference`);
  sqlite.pragma("foreign_keys = ON");
  return { db, sqlite };
}

// Remembered on globalThis, not in a module variable: in development server.js re-imports the rebuilt
// app on every change, and each import would otherwise open (and never close) another connection.
const connection = () => remember("database", () => openDatabase(getEnv().DATABASE_PATH));

/** The one connection for this process, opened and migrated on first use. */
export function getDb(): Db {
  return connection().db;
}

/** The same connection, unwrapped: for libraries that speak better-sqlite3 (the rate limiter). */
export function getSqlite(): Database.Database {
  return connection().sqlite;
}

export interface DatabaseHealth {
  ok: boolean;
  database: "ok" | "unavailable";
  migrations: { applied: number; known: number; latest: string | null } | null;
}

/** Whether the database answers, and how many of the build's migrations it has applied. */
export function databaseHealth(): DatabaseHealth {
  try {
    const db = getDb();
    const journal = JSON.parse(
      readFileSync(path.resolve("db/migrations/meta/_journal.json"), "utf8"),
    ) as {
      entries: { tag: string; when: number }[];
    };
    const applied = db.get<{ n: number; last: number | null }>(
      sql`SELECT count(*) AS n, max(created_at) AS last FROM __drizzle_migrations`,
    );
    const latest = journal.entries.find((e) => e.when === applied?.last)?.tag ?? null;
    const migrations = { applied: applied?.n ?? 0, known: journal.entries.length, latest };
    return { ok: migrations.applied === migrations.known, database: "ok", migrations };
  } catch {
    return { ok: false, database: "unavailable", migrations: null };
  }
}
