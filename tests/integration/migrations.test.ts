import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, expect, test } from "vitest";
import { openDatabase } from "~/db.server";

const dir = mkdtempSync(path.join(tmpdir(), "rehearse-migrations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A database migrated only up to (and including) migration `last`, the way an older release left it. */
function databaseAt(last: number): string {
  const folder = path.join(dir, `migrations-${last}`);
  cpSync(path.resolve("db/migrations"), folder, { recursive: true });
  const journalPath = path.join(folder, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= last);
  writeFileSync(journalPath, JSON.stringify(journal));
  const file = path.join(dir, `at-${last}.db`);
  const sqlite = new Database(file);
  sqlite.pragma("foreign_keys = ON");
  migrate(drizzle(sqlite), { migrationsFolder: folder });
  sqlite.close();
  return file;
}

test("migration 0003 rebuilds grades without losing a criterion score or any other row that points at it", () => {
  const file = databaseAt(2);
  const old = new Database(file);
  old.exec(`
    INSERT INTO users (id, username, password_hash) VALUES ('u1', 'alice', 'x');
    INSERT INTO rounds (id, user_id, title, band, skills, kinds) VALUES ('r1', 'u1', 'Round', '3-5', '[]', '[]');
    INSERT INTO round_questions (id, round_id, position, question_id, question, seconds_allowed)
      VALUES ('rq1', 'r1', 1, 'explain-rest-apis', '{}', 300);
    INSERT INTO answers (id, round_question_id, slot, text, seconds_allowed, started_at, deadline_at, submitted_at)
      VALUES ('a1', 'rq1', 0, 'REST is...', 300, 1, 300001, 2);
    INSERT INTO grades (id, answer_id, grader, overall, strengths, improvements, probes, injection_suspected, non_english)
      VALUES ('g1', 'a1', 'offline', 3.4, '[]', '[]', '[]', 0, 0);
    INSERT INTO criterion_scores (grade_id, position, criterion_id, score, evidence, rationale)
      VALUES ('g1', 0, 'resources', 4, 'REST is...', 'Named resources.'), ('g1', 1, 'methods', 3, NULL, 'Some methods.');
  `);
  old.close();

  const { sqlite } = openDatabase(file);
  try {
    expect(sqlite.prepare("SELECT id, overall FROM grades").all()).toEqual([{ id: "g1", overall: 3.4 }]);
    expect(sqlite.prepare("SELECT count(*) AS n FROM criterion_scores WHERE grade_id = 'g1'").get()).toEqual({ n: 2 });
    expect(sqlite.prepare("SELECT skipped FROM answers").get()).toEqual({ skipped: 0 });
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    // A grade can now be stored without a score (not assessed).
    sqlite.exec(`INSERT INTO grades (id, answer_id, grader, overall, strengths, improvements, probes, injection_suspected, non_english)
      VALUES ('g2', 'a1', 'offline', NULL, '[]', '[]', '[]', 0, 1)`);
    // And references are enforced again.
    expect(() => sqlite.exec(`INSERT INTO criterion_scores (grade_id, position, criterion_id, score, rationale)
      VALUES ('nope', 0, 'x', 1, 'x')`)).toThrow(/FOREIGN KEY/);
  } finally {
    sqlite.close();
  }
});

test("migration 0006 adds recordings to a database with answers, deleted with their answer", () => {
  const file = databaseAt(5);
  const old = new Database(file);
  old.exec(`
    INSERT INTO users (id, username, password_hash) VALUES ('u1', 'alice', 'x');
    INSERT INTO rounds (id, user_id, title, band, skills, kinds) VALUES ('r1', 'u1', 'Round', '3-5', '[]', '[]');
    INSERT INTO round_questions (id, round_id, position, question_id, question, seconds_allowed)
      VALUES ('rq1', 'r1', 1, 'explain-rest-apis', '{}', 300);
    INSERT INTO answers (id, round_question_id, slot, text, seconds_allowed, started_at, deadline_at)
      VALUES ('a1', 'rq1', 0, '', 300, 1, 300001);
  `);
  old.close();

  const { sqlite } = openDatabase(file);
  try {
    sqlite
      .prepare("INSERT INTO recordings (answer_id, mime_type, bytes, status, audio) VALUES ('a1', 'audio/webm', 4, 'untranscribed', ?)")
      .run(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));
    expect(sqlite.prepare("SELECT hex(audio) AS audio FROM recordings").get()).toEqual({ audio: "1A45DFA3" });
    sqlite.exec("DELETE FROM users WHERE id = 'u1'");
    expect(sqlite.prepare("SELECT count(*) AS n FROM recordings").get()).toEqual({ n: 0 });
  } finally {
    sqlite.close();
  }
});
