import { stem } from "~/grading/offline/fuzzy";
import { GENERIC_WORDS } from "~/grading/offline/lexicon";
import type { Question } from "~/question-bank/question-schema";
import { isComplete, type FlaggableStory } from "./quality-flags";

/**
 * How well a story fits a behavioural question, ranked the way a candidate
 * would choose: the competencies the question exercises first, then the
 * skills, then a ready-to-tell (complete) story, then the words the story
 * shares with the question. See docs/decisions/006-story-bank.md.
 */

export interface FitStory extends FlaggableStory {
  id: string;
  title: string;
  competencies: string[];
  skills: string[];
  updatedAt: Date;
}

export type FitQuestion = Pick<Question, "title" | "prompt" | "competencies" | "skills" | "rubric">;

export interface StoryFit {
  storyId: string;
  competencies: string[];
  skills: string[];
  /** Shared content words, as the story spells them. */
  words: string[];
  complete: boolean;
  /** Why it fits, in words: "Matches incident, ownership; skills: devops". */
  reason: string;
}

/** Shared words needed for a story to fit on words alone (one shared word is too often chance). */
export const MIN_SHARED_WORDS = 2;
const WORDS_IN_REASON = 3;

// Words every behavioural prompt and STAR story uses: sharing them says nothing about fit.
const STORY_WORDS = new Set([
  "about",
  "after",
  "afterwards",
  "again",
  "against",
  "also",
  "because",
  "been",
  "before",
  "being",
  "between",
  "both",
  "could",
  "does",
  "doing",
  "done",
  "during",
  "each",
  "even",
  "from",
  "have",
  "having",
  "here",
  "into",
  "just",
  "more",
  "most",
  "only",
  "other",
  "over",
  "same",
  "some",
  "such",
  "than",
  "that",
  "their",
  "them",
  "then",
  "there",
  "these",
  "they",
  "this",
  "those",
  "under",
  "until",
  "very",
  "were",
  "what",
  "when",
  "where",
  "which",
  "while",
  "will",
  "with",
  "would",
  "your",
  "yours",
  "ours",
  "ourselves",
  "myself",
  "happened",
  "happen",
  "situation",
  "task",
  "action",
  "actions",
  "result",
  "results",
  "story",
  "stories",
  "changed",
  "change",
  "teammate",
  "team",
  "work",
  "worked",
  "working",
  "role",
  "part",
  "did",
  "handle",
  "handled",
  "turn",
  "turned",
  "went",
  "told",
  "tell",
  "time",
  "times",
  "now",
  "differently",
  "describes",
  "candidate",
  "names",
  "gives",
]);

function contentWords(text: string): Map<string, string> {
  const words = new Map<string, string>();
  for (const raw of text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []) {
    const word = raw.replace(/['’]s$/, "");
    if (word.length < 4 || STORY_WORDS.has(word) || GENERIC_WORDS.has(word) || /^\d+$/.test(word))
      continue;
    const key = stem(word);
    if (!words.has(key)) words.set(key, word);
  }
  return words;
}

const questionWordCache = new WeakMap<FitQuestion, Set<string>>();

/** The question's own words: title, prompt and its rubric's key points. */
function questionWords(question: FitQuestion): Set<string> {
  let words = questionWordCache.get(question);
  if (!words) {
    const points = question.rubric.flatMap((c) => c.keyPoints.map((kp) => kp.point));
    words = new Set(contentWords([question.title, question.prompt, ...points].join(" ")).keys());
    questionWordCache.set(question, words);
  }
  return words;
}

/** The fit of one story to one question, or null when nothing connects them. */
export function fitStory(story: FitStory, question: FitQuestion): StoryFit | null {
  const competencies = story.competencies.filter((c) => question.competencies.includes(c));
  const skills = story.skills.filter((s) => question.skills.includes(s));
  const asked = questionWords(question);
  const told = contentWords(
    [story.title, story.situation, story.task, story.action, story.result, story.metric].join(" "),
  );
  const words = [...told].filter(([key]) => asked.has(key)).map(([, word]) => word);
  if (competencies.length === 0 && skills.length === 0 && words.length < MIN_SHARED_WORDS)
    return null;
  const complete = isComplete(story);
  const reasons: string[] = [];
  if (competencies.length > 0) reasons.push(`Matches ${competencies.join(", ")}`);
  if (skills.length > 0) reasons.push(`skills: ${skills.join(", ")}`);
  if (words.length > 0)
    reasons.push(`shares the words ${words.slice(0, WORDS_IN_REASON).join(", ")}`);
  if (!complete) reasons.push("not complete yet");
  const reason = reasons.join("; ");
  return {
    storyId: story.id,
    competencies,
    skills,
    words,
    complete,
    reason: reason.charAt(0).toUpperCase() + reason.slice(1),
  };
}

/** Better fit first; equal fits by the more recently edited story. */
export function compareFits(
  a: StoryFit & { updatedAt: Date },
  b: StoryFit & { updatedAt: Date },
): number {
  return (
    b.competencies.length - a.competencies.length ||
    b.skills.length - a.skills.length ||
    Number(b.complete) - Number(a.complete) ||
    b.words.length - a.words.length ||
    b.updatedAt.getTime() - a.updatedAt.getTime()
  );
}

/** The stories that fit the question, best first. */
export function rankStories<S extends FitStory>(
  stories: S[],
  question: FitQuestion,
  limit = Infinity,
): Array<StoryFit & { story: S }> {
  return stories
    .flatMap((story) => {
      const fit = fitStory(story, question);
      return fit ? [{ ...fit, story, updatedAt: story.updatedAt }] : [];
    })
    .sort(compareFits)
    .slice(0, limit)
    .map(({ updatedAt: _updatedAt, ...fit }) => fit);
}

/**
 * The questions a story fits, best first (for "practise this story"). Shared
 * words alone are a fallback: once some question asks for the story's
 * competencies or skills, a question that merely shares words with it
 * ("started", "call", "back" link an outage to mentoring) is not offered.
 */
export function questionsForStory<Q extends FitQuestion & { kind: string }>(
  story: FitStory,
  questions: Q[],
  limit = Infinity,
): Array<StoryFit & { question: Q }> {
  const fits = questions
    .filter((q) => q.kind === "behavioural")
    .flatMap((question) => {
      const fit = fitStory(story, question);
      return fit ? [{ ...fit, question, updatedAt: story.updatedAt }] : [];
    });
  const asked = fits.filter((f) => f.competencies.length > 0 || f.skills.length > 0);
  return (asked.length > 0 ? asked : fits)
    .sort(compareFits)
    .slice(0, limit)
    .map(({ updatedAt: _updatedAt, ...fit }) => fit);
}
