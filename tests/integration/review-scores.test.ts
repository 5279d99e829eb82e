import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, beforeEach, expect, test } from "vitest";
import { answers, grades, roundQuestions, users } from "../../db/schema";
import { getDb, openDatabase } from "~/db.server";
import { saveGrade } from "~/grading/grades.server";
import { OFFLINE_PROVENANCE } from "~/grading/test-provenance";
import { deleteRound } from "~/rounds/delete-round.server";
import { createSignedInUser } from "../utils/routes";
import {
  answerRound,
  backdateRound,
  GOOD_ANSWER,
  startQuestion,
  STORY_ANSWER,
  takeRound,
  type TestUser,
} from "../utils/review";


/**
 * Migration 0008: review_scores and review_series, the scores /progress,
 * /readiness and the queue read, are kept by triggers. Whatever happens to the
 * rows they come from, they must equal what they would be if built afresh.
 */

const TRIGGERS = [
  "review_series_after_score_insert",
  "review_series_after_score_delete",
  "review_scores_after_grade_insert",
  "review_scores_after_grade_update",
  "review_scores_after_grade_delete",
  "review_scores_after_criterion_insert",
  "review_scores_after_criterion_update",
  "review_scores_after_criterion_delete",
  "review_scores_after_answer_update",
  "review_scores_after_round_question_update",
  "review_scores_after_round_update",
];

/** review_series as built afresh from review_scores (the migration's own backfill), to nine places. */
const FRESH_SERIES = sql`
  WITH ranked AS (
    SELECT user_id, kind, key, name, at, score,
      row_number() OVER (PARTITION BY user_id, kind, key ORDER BY at DESC, position DESC) AS newest_rank,
      row_number() OVER (PARTITION BY user_id, kind, key ORDER BY at, position) AS oldest_rank,
      min(5, count(*) OVER (PARTITION BY user_id, kind, key) / 2) AS k
    FROM review_scores)
  SELECT user_id, kind, key, max(CASE WHEN newest_rank = 1 THEN name END) AS name, count(*) AS attempts,
    round(total(score), 9) AS total, round(avg(score) FILTER (WHERE newest_rank <= 5), 9) AS recent,
    CASE WHEN count(*) < 2 THEN NULL
      ELSE round(avg(score) FILTER (WHERE newest_rank <= k) - avg(score) FILTER (WHERE oldest_rank <= k), 9) END AS change,
    min(at) AS first_at
  FROM ranked GROUP BY user_id, kind, key`;
const KEPT_SERIES = sql`
  SELECT user_id, kind, key, name, attempts, round(total, 9) AS total, round(recent, 9) AS recent,
    round(change, 9) AS change, first_at
  FROM review_series`;

const rows = (query: ReturnType<typeof sql>) =>
  getDb()
    .all<Record<string, unknown>>(query)
    .map((r) => JSON.stringify(r))
    .sort();

/** Both tables equal what a fresh build gives: nothing missing, nothing stale. */
function expectInStep() {
  expect(rows(sql`SELECT * FROM review_scores`)).toEqual(
    rows(sql`SELECT * FROM review_scores_source`),
  );
  expect(rows(KEPT_SERIES)).toEqual(rows(FRESH_SERIES));
}

const scoresOf = (who: TestUser) =>
  getDb().all<{ kind: string; key: string; score: number }>(
    sql`SELECT kind, key, score FROM review_scores WHERE user_id = ${who.user.id} ORDER BY kind, key`,
  );

function mainAnswer(roundId: string, position = 1) {
  const rq = getDb()
    .select()
    .from(roundQuestions)
    .where(eq(roundQuestions.roundId, roundId))
    .all()
    .find((r) => r.position === position)!;
  return getDb()
    .select()
    .from(answers)
    .where(eq(answers.roundQuestionId, rq.id))
    .all()
    .find((a) => a.slot === 0)!;
}

let alice: TestUser;
let bob: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

test("every trigger is in place (a migration that rebuilds a source table must create them again)", () => {
  const names = getDb()
    .all<{ name: string }>(
      sql`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'review_%'`,
    )
    .map((t) => t.name)
    .sort();
  expect(names).toEqual([...TRIGGERS].sort());
  expect(
    getDb().all(
      sql`SELECT name FROM sqlite_master WHERE type = 'view' AND name = 'review_scores_source'`,
    ),
  ).toHaveLength(1);
});

test("a graded answer gives its overall, criteria and skills; a re-grade replaces them; its series follow", async () => {
  const roundId = await takeRound(alice, { count: 1 });
  const answer = mainAnswer(roundId);
  const [grade] = getDb().select().from(grades).where(eq(grades.answerId, answer.id)).all();
  const first = scoresOf(alice);
  expect(first.filter((s) => s.kind === "overall")).toEqual([
    { kind: "overall", key: "", score: grade!.overall },
  ]);
  expect(first.some((s) => s.kind === "criterion")).toBe(true);
  expect(first.some((s) => s.kind === "skill")).toBe(true);
  expectInStep();

  // A re-grade (a newer grade of the same answer) supersedes every figure of the first.
  saveGrade(
    answer.id,
    {
      overall: 1.4,
      criteria: getDb()
        .select()
        .from(roundQuestions)
        .where(eq(roundQuestions.roundId, roundId))
        .get()!
        .question.rubric.map((c) => ({
          criterionId: c.id,
          score: 1,
          evidence: null,
          rationale: "Thin.",
        })),
      strengths: [],
      improvements: ["More."],
      star: null,
      probes: [],
      flags: { injectionSuspected: false, nonEnglish: false },
      insights: null,
    },
    OFFLINE_PROVENANCE,
  );
  const second = scoresOf(alice);
  expect(second.filter((s) => s.kind === "overall")).toEqual([
    { kind: "overall", key: "", score: 1.4 },
  ]);
  expect(second.filter((s) => s.kind === "criterion").every((s) => s.score === 1)).toBe(true);
  expect(second.filter((s) => s.kind === "criterion")).toHaveLength(
    first.filter((s) => s.kind === "criterion").length,
  );
  expectInStep();
});

test("dates, snapshots, deletions, skips and follow-ups: the tables stay in step", async () => {
  const january = await takeRound(alice, { kinds: ["behavioural"], answers: [STORY_ANSWER] });
  const march = await takeRound(alice, { count: 2 });
  await takeRound(bob, { count: 2 });
  // A round with its first question answered and its second left unanswered.
  const partial = await takeRound(alice, { count: 2, answers: [GOOD_ANSWER] });
  expectInStep();

  backdateRound(january, new Date("2026-01-05T10:00:00Z"));
  backdateRound(march, new Date("2026-03-02T10:00:00Z"));
  expectInStep();
  expect(
    getDb().all(
      sql`SELECT DISTINCT at FROM review_scores WHERE answer_id = ${mainAnswer(january).id}`,
    ),
  ).toEqual([{ at: Date.parse("2026-01-05T10:00:00Z") }]);

  // A snapshot renamed: the attempt's criterion is named as its round now asks it.
  const rq = getDb()
    .select()
    .from(roundQuestions)
    .where(eq(roundQuestions.roundId, january))
    .get()!;
  const renamed = {
    ...rq.question,
    rubric: rq.question.rubric.map((c, i) => (i === 0 ? { ...c, name: "Renamed" } : c)),
  };
  getDb()
    .update(roundQuestions)
    .set({ question: renamed })
    .where(eq(roundQuestions.id, rq.id))
    .run();
  expect(
    getDb().all(
      sql`SELECT key, name FROM review_scores WHERE answer_id = ${mainAnswer(january).id} AND name = 'Renamed'`,
    ),
  ).toEqual([{ key: "renamed", name: "Renamed" }]);
  expectInStep();

  // The unanswered question of the partial round, submitted later as skipped: no figure.
  await startQuestion(alice, partial, 2);
  const open = mainAnswer(partial, 2);
  getDb()
    .update(answers)
    .set({ submittedAt: new Date(), skipped: true })
    .where(eq(answers.id, open.id))
    .run();
  expect(getDb().all(sql`SELECT * FROM review_scores WHERE answer_id = ${open.id}`)).toEqual([]);
  expectInStep();

  // Deleting a round takes its figures with it; the user's other series are summed again.
  expect(deleteRound(alice.user.id, march)).toBe(true);
  expect(
    getDb().all(sql`SELECT * FROM review_scores WHERE answer_id = ${mainAnswer(partial).id}`)
      .length,
  ).toBeGreaterThan(0);
  expectInStep();

  // Deleting a user takes their series; Bob's stay.
  getDb().delete(users).where(eq(users.id, alice.user.id)).run();
  expect(getDb().all(sql`SELECT * FROM review_series WHERE user_id = ${alice.user.id}`)).toEqual(
    [],
  );
  expect(getDb().all(sql`SELECT * FROM review_scores WHERE user_id = ${alice.user.id}`)).toEqual(
    [],
  );
  expect(
    getDb().all(sql`SELECT * FROM review_series WHERE user_id = ${bob.user.id}`).length,
  ).toBeGreaterThan(0);
  expectInStep();
});

test("follow-up answers and not-assessed grades are in no figure", async () => {
  const roundId = await takeRound(alice, { count: 1 });
  const answer = mainAnswer(roundId);
  const before = scoresOf(alice);
  // A not-assessed re-grade: the answer leaves every figure.
  saveGrade(
    answer.id,
    {
      overall: null,
      criteria: [],
      strengths: [],
      improvements: [],
      star: null,
      probes: [],
      flags: { injectionSuspected: false, nonEnglish: true },
      insights: null,
    },
    OFFLINE_PROVENANCE,
  );
  expect(before.length).toBeGreaterThan(0);
  expect(scoresOf(alice)).toEqual([]);
  expect(getDb().all(sql`SELECT * FROM review_series WHERE user_id = ${alice.user.id}`)).toEqual(
    [],
  );
  expectInStep();
  await answerRound(alice, await takeRound(alice, { count: 1, answers: [] }), [GOOD_ANSWER]);
  expectInStep();
});

const dir = mkdtempSync(path.join(tmpdir(), "rehearse-review-scores-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("migration 0008 fills both tables from the rounds already taken", () => {
  const folder = path.join(dir, "migrations-7");
  cpSync(path.resolve("db/migrations"), folder, { recursive: true });
  const journalPath = path.join(folder, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= 7);
  writeFileSync(journalPath, JSON.stringify(journal));
  const file = path.join(dir, "at-7.db");
  const old = new Database(file);
  old.pragma("foreign_keys = ON");
  migrate(drizzle(old), { migrationsFolder: folder });
  const question = JSON.stringify({
    id: "explain-rest-apis",
    title: "Explain REST APIs",
    skills: ["rest-api", "http"],
    rubric: [
      { id: "resources", name: "Resources and URIs" },
      { id: "methods", name: "Methods" },
    ],
  });
  old.exec(`
    INSERT INTO users (id, username, password_hash) VALUES ('u1', 'alice', 'x');
    INSERT INTO rounds (id, user_id, title, band, skills, kinds, created_at) VALUES ('r1', 'u1', 'Round', '3-5', '[]', '[]', 1000), ('r2', 'u1', 'Round', '3-5', '[]', '[]', 2000);
    INSERT INTO round_questions (id, round_id, position, question_id, question, seconds_allowed)
      VALUES ('rq1', 'r1', 1, 'explain-rest-apis', '${question}', 300), ('rq2', 'r2', 1, 'explain-rest-apis', '${question}', 300);
    INSERT INTO answers (id, round_question_id, slot, text, seconds_allowed, started_at, deadline_at, submitted_at, skipped)
      VALUES ('a1', 'rq1', 0, 'REST is...', 300, 1, 300001, 2, 0), ('a2', 'rq2', 0, '', 300, 1, 300001, 2, 1),
        ('a3', 'rq1', 1, 'A follow-up', 150, 3, 150003, 4, 0);
    INSERT INTO grades (id, answer_id, grader, overall, strengths, improvements, probes, injection_suspected, non_english, created_at)
      VALUES ('g0', 'a1', 'offline', 1.0, '[]', '[]', '[]', 0, 0, 5), ('g1', 'a1', 'offline', 3.4, '[]', '[]', '[]', 0, 0, 10),
        ('g3', 'a3', 'offline', 5.0, '[]', '[]', '[]', 0, 0, 10);
    INSERT INTO criterion_scores (grade_id, position, criterion_id, score, evidence, rationale)
      VALUES ('g0', 0, 'resources', 1, NULL, 'x'), ('g1', 0, 'resources', 4, NULL, 'x'), ('g1', 1, 'methods', 3, NULL, 'x');
  `);
  old.close();

  const { sqlite } = openDatabase(file);
  try {
    expect(
      sqlite
        .prepare("SELECT kind, key, name, score, at FROM review_scores ORDER BY kind, key")
        .all(),
    ).toEqual([
      { kind: "criterion", key: "methods", name: "Methods", score: 3, at: 1000 },
      {
        kind: "criterion",
        key: "resources and uris",
        name: "Resources and URIs",
        score: 4,
        at: 1000,
      },
      { kind: "overall", key: "", name: "Explain REST APIs", score: 3.4, at: 1000 },
      { kind: "skill", key: "http", name: "http", score: 3.4, at: 1000 },
      { kind: "skill", key: "rest-api", name: "rest-api", score: 3.4, at: 1000 },
    ]);
    expect(
      sqlite
        .prepare(
          "SELECT kind, key, attempts, total, recent, change, first_at FROM review_series WHERE kind = 'overall'",
        )
        .all(),
    ).toEqual([
      {
        kind: "overall",
        key: "",
        attempts: 1,
        total: 3.4,
        recent: 3.4,
        change: null,
        first_at: 1000,
      },
    ]);
    expect(sqlite.prepare("SELECT count(*) AS n FROM review_series").get()).toEqual({ n: 5 });

    // Nine more graded attempts, through the triggers: overall 1, 2, … 5, 5, 5, 4, 2 after the 3.4.
    const insert = sqlite.transaction((overall: number, i: number) => {
      sqlite
        .prepare(
          "INSERT INTO rounds (id, user_id, title, band, skills, kinds, created_at) VALUES (?, 'u1', 'Round', '3-5', '[]', '[]', ?)",
        )
        .run(`r${i}`, 2000 + i * 1000);
      sqlite
        .prepare(
          "INSERT INTO round_questions (id, round_id, position, question_id, question, seconds_allowed) VALUES (?, ?, 1, 'explain-rest-apis', ?, 300)",
        )
        .run(`rq${i}`, `r${i}`, question);
      sqlite
        .prepare(
          "INSERT INTO answers (id, round_question_id, slot, text, seconds_allowed, started_at, deadline_at, submitted_at) VALUES (?, ?, 0, 'x', 300, 1, 300001, 2)",
        )
        .run(`a${i}`, `rq${i}`);
      sqlite
        .prepare(
          "INSERT INTO grades (id, answer_id, grader, overall, strengths, improvements, probes, injection_suspected, non_english) VALUES (?, ?, 'offline', ?, '[]', '[]', '[]', 0, 0)",
        )
        .run(`g${i}`, `a${i}`, overall);
    });
    [1, 2, 3, 4, 5, 5, 5, 4, 2].forEach((overall, i) => insert(overall, i + 10));
    // Ten attempts: recent is the newest five (5, 5, 5, 4, 2); the change the newest five against the first five (3.4, 1, 2, 3, 4).
    const overall = sqlite
      .prepare("SELECT attempts, total, recent, change FROM review_series WHERE kind = 'overall'")
      .get() as Record<string, number>;
    expect(overall.attempts).toBe(10);
    expect(overall.total).toBeCloseTo(34.4, 9);
    expect(overall.recent).toBeCloseTo(4.2, 9);
    expect(overall.change).toBeCloseTo(4.2 - 13.4 / 5, 9);
    // Deleting rounds sums the series again: four attempts left (3.4, 1, 2, 3), so recent is all
    // four and the change the newest two against the first two.
    sqlite.prepare("DELETE FROM rounds WHERE created_at > 14000").run();
    const skill = sqlite
      .prepare(
        "SELECT attempts, recent, change FROM review_series WHERE kind = 'skill' AND key = 'http'",
      )
      .get() as Record<string, number>;
    expect(skill.attempts).toBe(4);
    expect(skill.recent).toBeCloseTo((3.4 + 1 + 2 + 3) / 4, 9);
    expect(skill.change).toBeCloseTo((2 + 3) / 2 - (3.4 + 1) / 2, 9);
  } finally {
    sqlite.close();
  }
});
