import { isCustomQuestionId } from "~/question-bank/question-ids";
import type { Question } from "~/question-bank/question-schema";
import { STANDARD_COMPETENCIES } from "./story-limits";

/**
 * The story-to-competency matrix: which competencies the user's stories
 * cover, and for each gap a behavioural question that would exercise it,
 * from the bank or the user's own questions.
 */

export interface CoverageStory {
  id: string;
  title: string;
  competencies: string[];
}

export interface CoverageRow {
  competency: string;
  standard: boolean;
  /** Ids of the stories that cover it, in column order. */
  storyIds: string[];
  /** For a gap: a question to practise it with, or null when none exercises it yet. */
  practice: { id: string; title: string } | null;
}

/** The most focused behavioural question for a competency: it lists the competency earliest, then fewest competencies, then by id. */
export function questionFor(competency: string, questions: Question[]): Question | null {
  let best: Question | null = null;
  let bestKey: [number, number, string] | null = null;
  for (const q of questions) {
    if (q.kind !== "behavioural") continue;
    const at = q.competencies.indexOf(competency);
    if (at < 0) continue;
    const key: [number, number, string] = [at, q.competencies.length, q.id];
    if (compareKeys(key, bestKey) < 0) {
      best = q;
      bestKey = key;
    }
  }
  return best;
}

function compareKeys(a: [number, number, string], b: [number, number, string] | null): number {
  if (!b) return -1;
  return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
}

/**
 * Rows: the standard competencies, then the user's own in alphabetical order:
 * those their stories name and those their own behavioural questions exercise
 * (a question written for a competency no story covers yet is a gap to show).
 */
export function coverageMatrix(stories: CoverageStory[], questions: Question[]): CoverageRow[] {
  const standard = new Set<string>(STANDARD_COMPETENCIES);
  const ownQuestions = questions.filter(
    (q) => q.kind === "behavioural" && isCustomQuestionId(q.id),
  );
  const own = [...new Set([...stories, ...ownQuestions].flatMap((s) => s.competencies))]
    .filter((c) => !standard.has(c))
    .sort();
  return [...STANDARD_COMPETENCIES, ...own].map((competency) => {
    const storyIds = stories.filter((s) => s.competencies.includes(competency)).map((s) => s.id);
    const question = storyIds.length === 0 ? questionFor(competency, questions) : null;
    return {
      competency,
      standard: standard.has(competency),
      storyIds,
      practice: question ? { id: question.id, title: question.title } : null,
    };
  });
}
