import type { StoredGrade } from "~/grading/grades.server";
import { latestGrades } from "~/grading/grades.server";
import { gradeAnswerOnce, planGrading } from "~/grading/grade-answer.server";
import { listAnswers, submitIfExpired, type Answer } from "./answers.server";
import { listRoundQuestions, type RoundQuestion } from "./rounds.server";

export interface AnswerView extends Answer {
  grade: StoredGrade | null;
}

export interface QuestionView {
  roundQuestion: RoundQuestion;
  main: AnswerView | null;
  followUps: AnswerView[];
}

/**
 * Every question of a round with its answers and their latest grades. Open
 * answers whose clock ran out are submitted first, so what the page shows is
 * what the server clock says; with the offline grader they are graded at once
 * (an LLM grading streams to the page instead).
 */
export async function loadRoundView(roundId: string, userId: string, now: Date): Promise<QuestionView[]> {
  const roundQuestions = listRoundQuestions(roundId);
  const byId = new Map(roundQuestions.map((rq) => [rq.id, rq]));
  let answers = listAnswers(roundQuestions.map((rq) => rq.id));

  const expired = answers.filter((answer) => submitIfExpired(answer, now));
  if (expired.length > 0) {
    answers = listAnswers(roundQuestions.map((rq) => rq.id));
    if (planGrading(userId).grader === "offline") {
      for (const answer of answers.filter((a) => expired.some((e) => e.id === a.id))) {
        const asked = askedProbes(answers);
        await gradeAnswerOnce(answer, byId.get(answer.roundQuestionId)!, asked, { userId });
      }
    }
  }

  const grades = latestGrades(answers.map((a) => a.id));
  return roundQuestions.map((roundQuestion) => {
    const own = answers
      .filter((a) => a.roundQuestionId === roundQuestion.id)
      .sort((a, b) => a.slot - b.slot)
      .map((a) => ({ ...a, grade: grades.get(a.id) ?? null }));
    return { roundQuestion, main: own.find((a) => a.slot === 0) ?? null, followUps: own.filter((a) => a.slot > 0) };
  });
}

/** Probes already put to the user in this round, so no grader asks one twice. */
export function askedProbes(answers: Answer[]): string[] {
  const grades = latestGrades(answers.map((a) => a.id));
  return answers.flatMap((a) => grades.get(a.id)?.grade.probes.map((p) => p.question) ?? []);
}
