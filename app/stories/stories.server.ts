import { and, desc, eq, or, sql, type SQL } from "drizzle-orm";
import { stories, storyAnswers } from "../../db/schema";
import { foldCase, getDb } from "~/db.server";
import { invariantResponse } from "~/utils/invariant.server";
import type { StoryFields, StorySearch } from "./story-schemas";

export type Story = typeof stories.$inferSelect;

/** Most stories a list or search shows at once; the count of the rest is reported. */
export const LIST_LIMIT = 100;

/** The story if it belongs to the user; another user's story is as good as missing. */
export function findStory(userId: string, storyId: string): Story | undefined {
  return getDb()
    .select()
    .from(stories)
    .where(and(eq(stories.id, storyId), eq(stories.userId, userId)))
    .get();
}

/** The user's story named by a route param, or a 404. */
export function requireStory(userId: string, storyId: string | undefined): Story {
  const story = storyId && storyId.length <= 64 ? findStory(userId, storyId) : undefined;
  invariantResponse(story, "Story not found");
  return story;
}

/** Every story of the user, most recently edited first. */
export function listAllStories(userId: string): Story[] {
  return getDb()
    .select()
    .from(stories)
    .where(eq(stories.userId, userId))
    .orderBy(desc(stories.updatedAt))
    .all();
}

/**
 * Stories matching a search: `q` anywhere in the title, a STAR part or the
 * metric, ignoring case in any script (plain substring search, so no
 * character the user types is a wildcard), and the competency when one is
 * chosen.
 */
export function searchStories(
  userId: string,
  search: StorySearch,
): { stories: Story[]; total: number } {
  const conditions: SQL[] = [eq(stories.userId, userId)];
  if (search.q) {
    const needle = foldCase(search.q);
    const columns = [
      stories.title,
      stories.situation,
      stories.task,
      stories.action,
      stories.result,
      stories.metric,
    ];
    conditions.push(or(...columns.map((column) => sql`instr(fold_case(${column}), ${needle}) > 0`))!);
  }
  if (search.competency) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM json_each(${stories.competencies}) WHERE json_each.value = ${search.competency})`,
    );
  }
  const where = and(...conditions);
  const db = getDb();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(stories)
      .where(where)
      .get()?.n ?? 0;
  const rows = db
    .select()
    .from(stories)
    .where(where)
    .orderBy(desc(stories.updatedAt))
    .limit(LIST_LIMIT)
    .all();
  return { stories: rows, total };
}

/** Saves a new story, linked to the answer it came from (if any) in the same transaction. */
export function createStory(userId: string, fields: StoryFields, answerId: string | null): Story {
  return getDb().transaction((tx) => {
    const story = tx
      .insert(stories)
      .values({ userId, ...fields })
      .returning()
      .get();
    if (answerId)
      tx.insert(storyAnswers).values({ storyId: story.id, answerId }).onConflictDoNothing().run();
    return story;
  });
}

export function updateStory(userId: string, storyId: string, fields: StoryFields): void {
  getDb()
    .update(stories)
    .set({ ...fields, updatedAt: new Date() })
    .where(and(eq(stories.id, storyId), eq(stories.userId, userId)))
    .run();
}

/** Deletes the story; its links to answers go with it (the answers stay). */
export function deleteStory(userId: string, storyId: string): void {
  getDb()
    .delete(stories)
    .where(and(eq(stories.id, storyId), eq(stories.userId, userId)))
    .run();
}

export function linkStory(storyId: string, answerId: string): void {
  getDb().insert(storyAnswers).values({ storyId, answerId }).onConflictDoNothing().run();
}

export function unlinkStory(storyId: string, answerId: string): void {
  getDb()
    .delete(storyAnswers)
    .where(and(eq(storyAnswers.storyId, storyId), eq(storyAnswers.answerId, answerId)))
    .run();
}

/** Which of the user's stories an answer tells. */
export function storiesToldIn(answerId: string): Set<string> {
  const rows = getDb()
    .select({ storyId: storyAnswers.storyId })
    .from(storyAnswers)
    .where(eq(storyAnswers.answerId, answerId))
    .all();
  return new Set(rows.map((r) => r.storyId));
}
