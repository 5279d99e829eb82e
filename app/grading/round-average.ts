import { isAssessed } from "./grade-schema";
import type { QuestionView } from "./round-grades.server";

/**
 * The round's overall: the mean of its main answers' scores. Skipped answers
 * and grades without a score (not assessed) are left out, never counted as 1.
 */
export function roundAverage(questions: Pick<QuestionView, "main">[]): number | null {
  const scores = questions.flatMap((q) => {
    const grade = q.main?.grade?.grade;
    return grade && isAssessed(grade) ? [grade.overall] : [];
  });
  return scores.length > 0 ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
}
