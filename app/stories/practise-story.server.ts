import { getBank } from "~/question-bank/load-bank.server";
import { createPracticeRound } from "~/review/practice-round.server";
import { getPreferences } from "~/review/preferences.server";
import type { Round } from "~/rounds/rounds.server";
import { questionsForStory, type FitStory } from "./fit";
import type { Story } from "./stories.server";

/** Questions in a "practise this story" round: the best fits, few enough to retell the story on each. */
export const PRACTISE_QUESTIONS = 3;

/** The bank's behavioural questions the story fits best. */
export function questionsToPractise(story: FitStory) {
  return questionsForStory(story, getBank(), PRACTISE_QUESTIONS);
}

/** A round of the behavioural questions the story fits best, or null when none fits. */
export function practiseStory(userId: string, story: Story): Round | null {
  const questions = questionsToPractise(story).map((f) => f.question);
  if (questions.length === 0) return null;
  return createPracticeRound(
    userId,
    `Practise a story: ${story.title}`,
    questions,
    getPreferences(userId).targetBand,
  );
}
