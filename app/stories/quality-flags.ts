import { STAR_FIELDS, type StarField } from "./story-limits";

/**
 * What an interviewer would push back on in a story, each with how to fix it.
 * Pure and cheap: the list, the story page and the suggestions all call it.
 */

export type StoryFlagId = "no-number" | "we-not-i" | `missing-${StarField}`;

export interface StoryFlag {
  id: StoryFlagId;
  message: string;
}

export interface FlaggableStory {
  situation: string;
  task: string;
  action: string;
  result: string;
  metric: string;
}

const MISSING: Record<StarField, string> = {
  situation:
    "The situation is missing. Add one or two sentences on where and when this happened and what was at stake.",
  task: "The task is missing. Say what you personally were responsible for, or what the goal was.",
  action:
    "The action is missing. Tell the steps you took, in order, in the first person, with the reason for each.",
  result:
    "The result is missing. Say how it ended, with a number if you can, and what you learned.",
};

// Digits, or a number told in words ("three weeks", "half the cost").
const NUMBER =
  /\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|billion|half|double|twice|triple|dozen)\b/i;
// "I" as a subject, contractions included ("I'd", "I’ve").
const I = /(?<![\p{L}\p{N}'’])I(?![\p{L}\p{N}])/gu;
const WE = /(?<![\p{L}\p{N}'’])we(?![\p{L}\p{N}])/giu;

export function missingParts(story: FlaggableStory): StarField[] {
  return STAR_FIELDS.filter((part) => story[part].trim() === "");
}

export function isComplete(story: FlaggableStory): boolean {
  return missingParts(story).length === 0;
}

/** How often the action says "I" and "we". */
export function ownershipCounts(action: string): { i: number; we: number } {
  return { i: action.match(I)?.length ?? 0, we: action.match(WE)?.length ?? 0 };
}

const times = (n: number) => (n === 1 ? "once" : n === 2 ? "twice" : `${n} times`);

export function storyFlags(story: FlaggableStory): StoryFlag[] {
  const flags: StoryFlag[] = missingParts(story).map((part) => ({
    id: `missing-${part}`,
    message: MISSING[part],
  }));
  // An empty result is already flagged as missing, and that message asks for the number too.
  if (story.result.trim() !== "" && !NUMBER.test(story.result) && !NUMBER.test(story.metric)) {
    flags.push({
      id: "no-number",
      message:
        "No number proves the result. Add the measure that changed (for example “p95 latency fell from 900 ms to 120 ms” or “on-call pages halved to 3 a week”) to the result or the metric.",
    });
  }
  const { i, we } = ownershipCounts(story.action);
  if (we > i) {
    flags.push({
      id: "we-not-i",
      message: `The action says “we” ${times(we)} and “I” ${i === 0 ? "never" : times(i)}. Interviewers hire you, not the team: retell each step as what you did (“I rolled back the deploy”), and name the team only for context.`,
    });
  }
  return flags;
}
