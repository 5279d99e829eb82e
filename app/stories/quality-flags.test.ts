import { describe, expect, test } from "vitest";
import {
  isComplete,
  missingParts,
  ownershipCounts,
  storyFlags,
  type FlaggableStory,
} from "./quality-flags";

const GOOD: FlaggableStory = {
  situation: "Our checkout API failed at peak on Black Friday.",
  task: "I was on call and owned the recovery.",
  action: "I rolled back the deploy, then I added a canary stage and I wrote the postmortem.",
  result: "Errors fell from 18% to 0.5% within 12 minutes.",
  metric: "",
};

const ids = (story: FlaggableStory) => storyFlags(story).map((f) => f.id);

describe("quality flags", () => {
  test("a complete, quantified, first-person story has no flags", () => {
    expect(storyFlags(GOOD)).toEqual([]);
    expect(isComplete(GOOD)).toBe(true);
  });

  test("a result without a number is flagged, with how to fix it", () => {
    const flags = storyFlags({
      ...GOOD,
      result: "Errors went back to normal and customers were happy.",
    });
    expect(flags.map((f) => f.id)).toEqual(["no-number"]);
    expect(flags[0]!.message).toMatch(/Add the measure that changed/);
  });

  test("a number in the metric field satisfies the check even when the result has none", () => {
    expect(
      ids({ ...GOOD, result: "Errors went back to normal.", metric: "error rate 18% -> 0.5%" }),
    ).toEqual([]);
  });

  test("numbers told in words count", () => {
    expect(
      ids({
        ...GOOD,
        result: "The outage was over within twenty minutes and we halved the pages.",
      }),
    ).toEqual([]);
  });

  test("an empty result is flagged as missing, not twice", () => {
    expect(ids({ ...GOOD, result: "   " })).toEqual(["missing-result"]);
  });

  test("each empty STAR part is flagged, in STAR order, each with its own fix", () => {
    const story = { situation: "", task: " ", action: "", result: "", metric: "" };
    const flags = storyFlags(story);
    expect(flags.map((f) => f.id)).toEqual([
      "missing-situation",
      "missing-task",
      "missing-action",
      "missing-result",
    ]);
    expect(new Set(flags.map((f) => f.message)).size).toBe(4);
    expect(missingParts(story)).toEqual(["situation", "task", "action", "result"]);
    expect(isComplete(story)).toBe(false);
  });

  test("actions told with “we” more than “I” are flagged with the counts", () => {
    const story = {
      ...GOOD,
      action: "We rolled back. We added a canary. I wrote the postmortem. We're fine now.",
    };
    expect(ownershipCounts(story.action)).toEqual({ i: 1, we: 3 });
    const flag = storyFlags(story).find((f) => f.id === "we-not-i");
    expect(flag?.message).toMatch(/says “we” 3 times and “I” once/);
    expect(flag?.message).toMatch(/retell each step as what you did/);
  });

  test("as many “I” as “we” is not flagged; “I” never said is spelled out", () => {
    expect(ids({ ...GOOD, action: "We paired on it and I rolled back." })).toEqual([]);
    expect(storyFlags({ ...GOOD, action: "We rolled back and we fixed it." })[0]!.message).toMatch(
      /“we” twice and “I” never/,
    );
  });

  test("words containing the letters are not pronouns", () => {
    expect(
      ownershipCounts("Weekly, we were well. Wednesday's INFO logs, I'd say, showed it."),
    ).toEqual({ i: 1, we: 1 });
  });
});
