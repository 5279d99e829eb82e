import type { StoredGrade } from "~/grading/grades.server";
import { latestGrades } from "~/grading/grades.server";
import { gradeAnswerOnce, planGrading } from "~/grading/grade-answer.server";
import { listAnswers, MAIN_SLOT, submitIfExpired, type Answer } from "./answers.server";
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
  let answers = listAnswers(roundQuestions.map((rq) => rq.id));

  const expired = answers.filter((answer) => submitIfExpired(answer, now));
  if (expired.length > 0) {
    answers = listAnswers(roundQuestions.map((rq) => rq.id));
    if (planGrading(userId).grader === "offline") {
      for (const answer of answers.filter((a) => !a.skipped && expired.some((e) => e.id === a.id))) {
        const roundQuestion = roundQuestions.find((rq) => rq.id === answer.roundQuestionId)!;
        await gradeInRound(answer, roundQuestion, roundQuestions, { userId });
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
function askedProbes(answers: Answer[]): string[] {
  const grades = latestGrades(answers.map((a) => a.id));
  return answers.flatMap((a) => grades.get(a.id)?.grade.probes.map((p) => p.question) ?? []);
}

/**
 * Grades one answer of a round (once, however many callers ask), never
 * re-asking a probe the round already asked. A skipped answer is never graded.
 */
export function gradeInRound(
  answer: Answer,
  roundQuestion: RoundQuestion,
  roundQuestions: RoundQuestion[],
  options: Parameters<typeof gradeAnswerOnce>[3],
): Promise<string> {
  if (answer.skipped) throw new Error(`Answer ${answer.id} was skipped: there is nothing to grade`);
  const answers = listAnswers(roundQuestions.map((rq) => rq.id));
  return gradeAnswerOnce(answer, roundQuestion, askedProbes(answers), options);
}

/** The round's questions whose main answer has not been submitted yet, in order. */
export function unansweredQuestions(roundQuestions: RoundQuestion[], answers: Answer[]): RoundQuestion[] {
  return roundQuestions.filter(
    (rq) => !answers.some((a) => a.roundQuestionId === rq.id && a.slot === MAIN_SLOT && a.submittedAt),
  );
}
