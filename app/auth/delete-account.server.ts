import { count, eq, sql } from "drizzle-orm";
import { customQuestions, rateLimits, rounds, stories, users } from "../../db/schema";
import { getDb } from "~/db.server";
import { usernameRowsPrefix } from "./rate-limit.server";

/** What the "delete your account" page counts out before asking. */
export function accountContents(userId: string) {
  const db = getDb();
  const n = (table: typeof rounds | typeof stories | typeof customQuestions) =>
    db.select({ n: count() }).from(table).where(eq(table.userId, userId)).get()?.n ?? 0;
  return { rounds: n(rounds), stories: n(stories), questions: n(customQuestions) };
}

/**
 * Deletes a user and everything of theirs in one transaction. Every table
 * holding a user's data reaches `users` through ON DELETE CASCADE (sessions,
 * preferences, self-scores, stories and their links, own questions, LLM usage,
 * rounds and through them questions, answers, drafts, recordings (audio is a
 * BLOB in the database), grades, scores and leases); tests/integration/account.test.ts fails if a table does not. The
 * log-in failure counts kept under the username go too. There are no per-user
 * files: everything a user has lives in the database.
 */
export function deleteAccount(user: { id: string; username: string }): void {
  const db = getDb();
  // Without foreign keys the cascades would silently not happen: refuse rather than leave orphans.
  const { foreign_keys: on } = db.get<{ foreign_keys: number }>(sql`PRAGMA foreign_keys`);
  if (on !== 1)
    throw new Error("Foreign keys are off: refusing to delete an account without its cascades");
  const prefix = usernameRowsPrefix(user.username);
  db.transaction((tx) => {
    tx.delete(rateLimits)
      .where(sql`substr(${rateLimits.key}, 1, ${prefix.length}) = ${prefix}`)
      .run();
    tx.delete(users).where(eq(users.id, user.id)).run();
  });
}
