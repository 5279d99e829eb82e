import type { Band, Question } from "~/question-bank/question-schema";
import { createRound, type Round } from "~/rounds/rounds.server";

/**
 * A round built from a chosen list of questions (readiness gaps, the
 * re-practice queue, "practise again"), through the same `createRound` as
 * the new-round form; each question keeps its own recommended time.
 */
export function createPracticeRound(
  userId: string,
  title: string,
  questions: Question[],
  band: Band,
): Round {
  const skills = [...new Set(questions.flatMap((q) => q.skills))];
  return createRound(
    userId,
    title,
    { skills, kinds: [], band, count: questions.length, minutes: null },
    questions,
  );
}
