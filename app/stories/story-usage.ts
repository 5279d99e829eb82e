/**
 * How often each story has been told, and whether it is being leaned on:
 * a story is overused when it was told in OVERUSE_THRESHOLD or more of the
 * user's last OVERUSE_WINDOW answers that told any story.
 */

export const OVERUSE_WINDOW = 10;
export const OVERUSE_THRESHOLD = 3;

export interface StoryLink {
  storyId: string;
  answerId: string;
  /** When the answer was started: "recent" is about answers, not about when the link was made. */
  answeredAt: Date;
}

export interface StoryUsage {
  /** Answers that told the story, ever. */
  uses: number;
  /** Of those, how many are among the last OVERUSE_WINDOW story-telling answers. */
  recentUses: number;
  overused: boolean;
}

export const UNUSED: StoryUsage = { uses: 0, recentUses: 0, overused: false };

export function storyUsage(links: StoryLink[]): Map<string, StoryUsage> {
  const newestFirst = new Map<string, number>();
  for (const link of links) {
    const at = link.answeredAt.getTime();
    if ((newestFirst.get(link.answerId) ?? -Infinity) < at) newestFirst.set(link.answerId, at);
  }
  const recent = new Set(
    [...newestFirst]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, OVERUSE_WINDOW)
      .map(([answerId]) => answerId),
  );
  const usage = new Map<string, StoryUsage>();
  for (const link of links) {
    const current = usage.get(link.storyId) ?? UNUSED;
    const recentUses = current.recentUses + (recent.has(link.answerId) ? 1 : 0);
    usage.set(link.storyId, {
      uses: current.uses + 1,
      recentUses,
      overused: recentUses >= OVERUSE_THRESHOLD,
    });
  }
  return usage;
}
