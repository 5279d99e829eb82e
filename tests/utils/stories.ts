import { count, eq } from "drizzle-orm";
import { expect } from "vitest";
import { stories, storyAnswers } from "../../db/schema";
import { getDb } from "~/db.server";
import { action as newStoryAction } from "~/routes/stories.new/route";
import { post, run } from "./routes";
import type { TestUser } from "./review";

/** Factories for the story bank's tests: stories written through the real "new story" route. */

export const STORY_FORM = {
  title: "Checkout outage on Black Friday",
  situation: "Our checkout API started failing at peak and the error rate hit 18%.",
  task: "I was on call and owned the recovery.",
  action: "I rolled back the deploy, then I added a canary stage and I wrote the postmortem.",
  result: "Errors fell from 18% to 0.5% within 12 minutes.",
  metric: "error rate 18% -> 0.5%",
  competencies: ["incident", "ownership"],
  ownCompetencies: "",
  skills: ["devops"],
};

export type StoryFormInput = Partial<
  Record<keyof typeof STORY_FORM | "answerId", string | string[]>
>;

/** Saves a story through POST /stories/new and returns its id. */
export async function writeStory(who: TestUser, overrides: StoryFormInput = {}): Promise<string> {
  const outcome = await run(
    newStoryAction,
    post("/stories/new", { ...STORY_FORM, ...overrides } as Record<string, string | string[]>, {
      cookie: who.cookie,
    }),
  );
  expect(outcome.status, JSON.stringify(outcome.data)).toBe(302);
  return outcome.location!.split("/")[2]!.split("?")[0]!;
}

export function storyRow(storyId: string) {
  return getDb().select().from(stories).where(eq(stories.id, storyId)).get();
}

export function storyCount(userId: string): number {
  return getDb().select({ n: count() }).from(stories).where(eq(stories.userId, userId)).get()!.n;
}

export function linksOf(storyId: string): string[] {
  return getDb()
    .select({ answerId: storyAnswers.answerId })
    .from(storyAnswers)
    .where(eq(storyAnswers.storyId, storyId))
    .all()
    .map((r) => r.answerId);
}
