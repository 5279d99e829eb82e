import type { StoredGrade } from "~/grading/grades.server";
import { latestGrades } from "~/grading/grades.server";
import { gradeAnswer } from "~/grading/grade-answer.server";
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
 * answers whose clock ran out are submitted (and graded) first, so what the
 * page shows is what the server clock says.
 */
export async function loadRoundView(roundId: string, now: Date): Promise<QuestionView[]> {
  const roundQuestions = listRoundQuestions(roundId);
  const byId = new Map(roundQuestions.map((rq) => [rq.id, rq]));
  let answers = listAnswers(roundQuestions.map((rq) => rq.id));

  const expired = answers.filter((answer) => submitIfExpired(answer, now));
  if (expired.length > 0) {
    answers = listAnswers(roundQuestions.map((rq) => rq.id));
    for (const answer of answers.filter((a) => expired.some((e) => e.id === a.id))) {
      await gradeAnswer(answer, byId.get(answer.roundQuestionId)!, askedProbes(answers, latestGrades(answers.map((a) => a.id))));
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
export function askedProbes(answers: Answer[], grades: Map<string, StoredGrade>): string[] {
  return answers.flatMap((a) => grades.get(a.id)?.grade.probes.map((p) => p.question) ?? []);
}
