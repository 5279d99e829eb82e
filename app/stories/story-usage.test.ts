import { describe, expect, test } from "vitest";
import { OVERUSE_THRESHOLD, OVERUSE_WINDOW, storyUsage, type StoryLink } from "./story-usage";

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);
const link = (storyId: string, answer: number): StoryLink => ({
  storyId,
  answerId: `a${answer}`,
  answeredAt: day(answer),
});

describe("story usage", () => {
  test("counts every answer that told the story", () => {
    const usage = storyUsage([link("s1", 1), link("s1", 2), link("s2", 2)]);
    expect(usage.get("s1")).toMatchObject({ uses: 2, recentUses: 2 });
    expect(usage.get("s2")).toMatchObject({ uses: 1 });
    expect(usage.has("s3")).toBe(false);
  });

  test(`a story told in ${OVERUSE_THRESHOLD} of the last ${OVERUSE_WINDOW} story answers is overused; one fewer is not`, () => {
    const twice = storyUsage([link("s1", 1), link("s1", 2), link("s2", 3)]);
    expect(twice.get("s1")?.overused).toBe(false);
    const thrice = storyUsage([link("s1", 1), link("s1", 2), link("s1", 3)]);
    expect(thrice.get("s1")).toEqual({ uses: 3, recentUses: 3, overused: true });
  });

  test("old uses fall out of the window: what matters is the recent answers", () => {
    const links = [link("s1", 1), link("s1", 2), link("s1", 3)];
    for (let a = 4; a < 4 + OVERUSE_WINDOW; a++) links.push(link("s2", a));
    const usage = storyUsage(links);
    expect(usage.get("s1")).toEqual({ uses: 3, recentUses: 0, overused: false });
    expect(usage.get("s2")?.overused).toBe(true);
  });

  test("an answer telling two stories counts once in the window and for each story", () => {
    const links = [link("s1", 1), link("s2", 1), link("s1", 2), link("s2", 2)];
    for (let a = 3; a < 3 + OVERUSE_WINDOW - 2; a++) links.push(link("s3", a));
    const usage = storyUsage(links);
    // Exactly ten distinct answers: answers 1 and 2 are still inside the window.
    expect(usage.get("s1")?.recentUses).toBe(2);
    expect(usage.get("s2")?.recentUses).toBe(2);
  });
});
