import type { Question } from "~/question-bank/question-schema";
import { rankStories } from "./fit";
import { listAllStories, storiesToldIn } from "./stories.server";
import { usageOfStories } from "./story-answers.server";
import { UNUSED } from "./story-usage";

/** Suggestions shown before answering a behavioural question. */
export const SUGGESTIONS = 3;

export interface StorySuggestion {
  storyId: string;
  title: string;
  reason: string;
  complete: boolean;
  uses: number;
  overused: boolean;
  /** Linked to this answer with "I'm telling this story". */
  telling: boolean;
}

export interface StorySuggestions {
  suggestions: StorySuggestion[];
  /** Stories linked to this answer that are not among the suggestions (still shown, so they can be unlinked). */
  others: Array<{ storyId: string; title: string }>;
  storyCount: number;
}

/** The stories that fit a behavioural question best, with how often each has been told, for this answer. */
export function suggestStories(
  userId: string,
  question: Question,
  answerId: string,
): StorySuggestions {
  const stories = listAllStories(userId);
  const usage = usageOfStories(userId);
  const telling = storiesToldIn(answerId);
  const ranked = rankStories(stories, question, SUGGESTIONS);
  const suggestions = ranked.map(({ story, reason, complete }) => {
    const used = usage.get(story.id) ?? UNUSED;
    return {
      storyId: story.id,
      title: story.title,
      reason,
      complete,
      uses: used.uses,
      overused: used.overused,
      telling: telling.has(story.id),
    };
  });
  const shown = new Set(suggestions.map((s) => s.storyId));
  const others = stories
    .filter((s) => telling.has(s.id) && !shown.has(s.id))
    .map((s) => ({ storyId: s.id, title: s.title }));
  return { suggestions, others, storyCount: stories.length };
}
