import type { Answer } from "~/rounds/answers.server";
import type { RoundQuestion } from "~/rounds/rounds.server";
import type { GradeProvenance, GradeRequest } from "./grade-schema";
import { saveGrade } from "./grades.server";
import { gradeOffline } from "./offline/grade-offline.server";

/** Recorded as the "model" of offline grades, so a grade says which heuristic produced it. */
export const OFFLINE_GRADER_MODEL = "rubric-heuristic@1";

function secondsTaken(answer: Answer): number | null {
  if (!answer.submittedAt) return null;
  const taken = (answer.submittedAt.getTime() - answer.startedAt.getTime()) / 1000;
  return Math.max(0, Math.min(taken, answer.secondsAllowed));
}

export function buildGradeRequest(answer: Answer, roundQuestion: RoundQuestion, askedProbes: string[]): GradeRequest {
  return {
    question: roundQuestion.question,
    answer: answer.text,
    secondsAllowed: answer.secondsAllowed,
    secondsTaken: secondsTaken(answer),
    probe: answer.probe,
    askedProbes,
  };
}

/**
 * Grades a submitted answer and stores the result. The answer is already
 * saved: if grading fails, the answer stays and can be graded again.
 */
export async function gradeAnswer(answer: Answer, roundQuestion: RoundQuestion, askedProbes: string[]): Promise<string> {
  const request = buildGradeRequest(answer, roundQuestion, askedProbes);
  const started = performance.now();
  const grade = gradeOffline(request);
  const provenance: GradeProvenance = {
    grader: "offline",
    model: OFFLINE_GRADER_MODEL,
    promptVersion: null,
    fallbackReason: null,
    tokensIn: null,
    tokensOut: null,
    latencyMs: Math.round(performance.now() - started),
  };
  return saveGrade(answer.id, grade, provenance);
}
