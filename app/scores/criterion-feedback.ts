import type { CriterionGrade, Grade } from "~/grading/grade-schema";

/** One criterion's feedback, gathered in one place: its score, evidence, why, and what to do next. */
export interface CriterionFeedback extends CriterionGrade {
  name: string;
  /** The rationale without its "Name (3/5):" lead-in: the name and score sit beside it already. */
  why: string;
  /** The grade's improvements about this criterion ("Name: cover this point…"), without the name. */
  nextSteps: string[];
}

export interface GroupedFeedback {
  criteria: CriterionFeedback[];
  /** Strengths about no one criterion (numbers quoted, a trade-off weighed, a lesson). */
  strengths: string[];
  /** Improvements about no one criterion (length, relevance, STAR structure). */
  improvements: string[];
  /** Whether the grade named any strength at all, so "nothing stood out" is said only when true. */
  anyStrength: boolean;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A grade's words arranged so each criterion's feedback appears once. The
 * offline grader writes a criterion three ways: its rationale ("Trade-offs
 * (2/5): Did not cover…"), a strength ("Trade-offs: explained … — quote") and
 * an improvement ("Trade-offs: cover this point…"). Here the rationale loses
 * the lead-in its row already shows, the improvement joins its criterion, and
 * the strength, which repeats the rationale and the quoted evidence, is
 * dropped. Sentences about the whole answer stay in the general lists. An LLM
 * grade, whose sentences name no criterion this way, passes through as it is.
 */
export function groupFeedback(
  grade: Grade,
  nameOf: (criterionId: string) => string,
): GroupedFeedback {
  const named = grade.criteria.map((c) => ({ grade: c, name: nameOf(c.criterionId) }));
  // "Name:" or "Name (3/5):", the two ways the offline grader starts a sentence about one criterion.
  const prefix = (name: string) => new RegExp(`^${escapeRegExp(name)}(?:\\s*\\([^)]*\\))?:\\s*`);
  // Longest name first: "Trade-offs (in practice):" belongs to that criterion, not to "Trade-offs".
  const byLength = [...named].sort((x, y) => y.name.length - x.name.length);
  const ownerOf = (sentence: string) => byLength.find((c) => prefix(c.name).test(sentence));
  const criteria = named.map(({ grade: c, name }) => ({
    ...c,
    name,
    why: c.rationale.replace(prefix(name), ""),
    nextSteps: grade.improvements
      .filter((s) => ownerOf(s)?.name === name)
      .map((s) => capitalise(s.replace(prefix(name), ""))),
  }));
  return {
    criteria,
    strengths: grade.strengths.filter((s) => !ownerOf(s)),
    improvements: grade.improvements.filter((s) => !ownerOf(s)),
    anyStrength: grade.strengths.length > 0,
  };
}
