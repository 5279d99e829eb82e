import { questionsForUser } from "~/custom-questions/questions-for-user.server";
import { createPracticeRound } from "~/rounds/practice-round.server";
import { getPreferences } from "~/preferences/preferences.server";
import type { Round } from "~/rounds/rounds.server";
import { questionsForStory, type FitStory } from "./fit";
import type { Story } from "./stories.server";

/** Questions in a "practise this story" round: the best fits, few enough to retell the story on each. */
export const PRACTISE_QUESTIONS = 3;

/** The behavioural questions (the bank's and the user's own) the story fits best. */
export function questionsToPractise(userId: string, story: FitStory) {
  return questionsForStory(story, questionsForUser(userId), PRACTISE_QUESTIONS);
}

/** A round of the behavioural questions the story fits best, or null when none fits. */
export function practiseStory(userId: string, story: Story): Round | null {
  const questions = questionsToPractise(userId, story).map((f) => f.question);
  if (questions.length === 0) return null;
  return createPracticeRound(
    userId,
    `Practise a story: ${story.title}`,
    questions,
    getPreferences(userId).targetBand,
  );
}
