import { and, count, eq } from "drizzle-orm";
import type { RunResult } from "better-sqlite3";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type * as schema from "../../db/schema";
import { customQuestions } from "../../db/schema";
import { getDb } from "~/db.server";
import { customQuestionId } from "~/question-bank/question-ids";
import type { Question } from "~/question-bank/question-schema";

/** The connection, or a transaction on it (checks and writes that must agree share one). */
export type Executor = BaseSQLiteDatabase<"sync", RunResult, typeof schema>;

/** How many questions one user may keep: bounds every page and export that lists them. */
export const CUSTOM_QUESTIONS_MAX = 500;

/**
 * A user's own question as rounds, browse and history see it: stored with its
 * slug as `id` (so a pack round-trips), served behind the custom prefix.
 */
export function asUsersQuestion(stored: Question): Question {
  return { ...stored, id: customQuestionId(stored.id) };
}

/** The user's questions as stored (ids are their slugs), by title. */
export function listCustomQuestions(userId: string): Question[] {
  return getDb()
    .select({ question: customQuestions.question })
    .from(customQuestions)
    .where(eq(customQuestions.userId, userId))
    .all()
    .map((row) => row.question)
    .sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
}

/** One of the user's questions as stored; another user's slug is as good as missing. */
export function findCustomQuestion(userId: string, slug: string): Question | undefined {
  return getDb()
    .select({ question: customQuestions.question })
    .from(customQuestions)
    .where(and(eq(customQuestions.userId, userId), eq(customQuestions.slug, slug)))
    .get()?.question;
}

export function customSlugs(userId: string, db: Executor = getDb()): Set<string> {
  return new Set(
    db
      .select({ slug: customQuestions.slug })
      .from(customQuestions)
      .where(eq(customQuestions.userId, userId))
      .all()
      .map((row) => row.slug),
  );
}

export function countCustomQuestions(userId: string, db: Executor = getDb()): number {
  return db
    .select({ n: count() })
    .from(customQuestions)
    .where(eq(customQuestions.userId, userId))
    .get()!.n;
}

/**
 * Adds validated questions (ids are slugs) in one statement: all or none. The
 * caller checks clashes first; the unique index is the backstop.
 */
export function insertCustomQuestions(
  userId: string,
  questions: Question[],
  db: Executor = getDb(),
): void {
  if (questions.length === 0) return;
  db.insert(customQuestions)
    .values(questions.map((question) => ({ userId, slug: question.id, question })))
    .run();
}

/** Replaces a question's content; its slug never changes, so its history stays whole. */
export function updateCustomQuestion(userId: string, question: Question): boolean {
  const result = getDb()
    .update(customQuestions)
    .set({ question, updatedAt: new Date() })
    .where(and(eq(customQuestions.userId, userId), eq(customQuestions.slug, question.id)))
    .run();
  return result.changes === 1;
}

/** Removes the question; rounds that asked it keep their snapshot of it. */
export function deleteCustomQuestion(userId: string, slug: string): boolean {
  const result = getDb()
    .delete(customQuestions)
    .where(and(eq(customQuestions.userId, userId), eq(customQuestions.slug, slug)))
    .run();
  return result.changes === 1;
}
