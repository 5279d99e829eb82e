import { weightedOverall, type Grade } from "~/grading/grade-schema";
import { SCORE_MAX, SCORE_MIN } from "~/grading/score-scale";
import type { Question } from "~/question-bank/question-schema";

/**
 * Second line of defence against prompt injection. When the answer is
 * suspected of addressing the grader and the LLM scored it well above the
 * offline rubric grader, the LLM may have been talked into it: each criterion
 * is capped at the offline score plus one, which bounds the overall at the
 * offline overall plus one. The flag stays set so the page can say so.
 */

/** How far above the offline overall an LLM overall may be before a suspected answer is capped. */
export const INJECTION_MARGIN = 1;

export const CAPPED_IMPROVEMENT =
  "Part of this answer addressed the grader instead of the question; it earned nothing and the scores were capped.";

export function capInjectedGrade(grade: Grade, offline: Grade, question: Question): Grade {
  // An answer the offline grader could not read (another language) has no baseline but the minimum.
  if (!grade.flags.injectionSuspected || grade.overall === null || grade.overall <= (offline.overall ?? SCORE_MIN) + INJECTION_MARGIN)
    return grade;
  const criteria = grade.criteria.map((criterion) => {
    const offlineScore =
      offline.criteria.find((c) => c.criterionId === criterion.criterionId)?.score ?? SCORE_MIN;
    const ceiling = Math.min(SCORE_MAX, offlineScore + INJECTION_MARGIN);
    if (criterion.score <= ceiling) return criterion;
    const note = ` (Capped from ${criterion.score} to ${ceiling}: the answer appears to address the grader.)`;
    return {
      ...criterion,
      score: ceiling,
      rationale: criterion.rationale.slice(0, 1000 - note.length) + note,
    };
  });
  const weights = new Map(question.rubric.map((c) => [c.id, c.weight]));
  return {
    ...grade,
    overall: weightedOverall(
      criteria.map((c) => ({ score: c.score, weight: weights.get(c.criterionId) ?? 1 })),
    ),
    criteria,
    improvements: [CAPPED_IMPROVEMENT, ...grade.improvements].slice(0, 6),
  };
}
