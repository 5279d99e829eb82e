/**
 * A consistent copy of the database while the server runs: SQLite's online
 * backup (better-sqlite3's `backup()`), which copies page by page and restarts
 * on its own when a writer changes a page it already copied. The copy is then
 * checked (`PRAGMA integrity_check`) and its size and row counts printed.
 *
 *   npm run backup -- backups/rehearse-2026-12-04.db
 *
 * Restore: stop the server, copy the file over DATABASE_PATH (and delete any
 * `-wal` and `-shm` files beside it), start the server. See the README.
 */
import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { getEnv } from "../app/env.server";

export interface BackupReport {
  file: string;
  bytes: number;
  integrity: string;
  rows: Record<string, number>;
}

/** Copies the database at `source` to `target` (which must not exist yet) and checks the copy. */
export async function backupDatabase(source: string, target: string): Promise<BackupReport> {
  if (existsSync(target)) throw new Error(`${target} already exists: choose a new file name`);
  mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  const copy = new Database(target, { readonly: true, fileMustExist: true });
  try {
    const integrity = String(copy.pragma("integrity_check", { simple: true }));
    const tables = copy
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    const rows = Object.fromEntries(
      tables.map((table) => [table, copy.prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`).pluck().get() as number]),
    );
    return { file: target, bytes: statSync(target).size, integrity, rows };
  } finally {
    copy.close();
  }
}

async function main() {
  const { positionals } = parseArgs({ allowPositionals: true });
  const [target] = positionals;
  if (!target || positionals.length > 1) {
    console.error("Usage: npm run backup -- FILE   (a new file; the database is DATABASE_PATH)");
    process.exit(2);
  }
  const { DATABASE_PATH } = getEnv();
  const report = await backupDatabase(DATABASE_PATH, target);
  console.log(`Backed up ${DATABASE_PATH} to ${report.file}: ${(report.bytes / 1024).toFixed(0)} KB, integrity ${report.integrity}`);
  for (const [table, count] of Object.entries(report.rows)) console.log(`  ${table.padEnd(28)} ${count}`);
  if (report.integrity !== "ok") process.exit(1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
