import { asOfNow, listAnswers, submitExpired, type Answer } from "~/rounds/answers.server";
import { listRoundQuestions, type RoundQuestion } from "~/rounds/rounds.server";
import { gradeAnswerOnce, planGrading } from "./grade-answer.server";
import { latestGrades, type StoredGrade } from "./grades.server";

export interface AnswerView extends Answer {
  grade: StoredGrade | null;
}

export interface QuestionView {
  roundQuestion: RoundQuestion;
  main: AnswerView | null;
  followUps: AnswerView[];
}

/**
 * Every question of a round with its answers and their latest grades, as the
 * server clock sees them now. A read: an answer whose clock ran out shows as
 * submitted (asOfNow) and is stored so by the next write (settleExpired).
 */
export async function loadRoundView(
  roundId: string,
  _userId: string,
  now: Date,
): Promise<QuestionView[]> {
  const roundQuestions = listRoundQuestions(roundId);
  const answers = listAnswers(roundQuestions.map((rq) => rq.id)).map((answer) =>
    asOfNow(answer, now),
  );
  const grades = latestGrades(answers.map((a) => a.id));
  return roundQuestions.map((roundQuestion) => {
    const own = answers
      .filter((a) => a.roundQuestionId === roundQuestion.id)
      .sort((a, b) => a.slot - b.slot)
      .map((a) => ({ ...a, grade: grades.get(a.id) ?? null }));
    return {
      roundQuestion,
      main: own.find((a) => a.slot === 0) ?? null,
      followUps: own.filter((a) => a.slot > 0),
    };
  });
}

/**
 * For a round's actions: stores the submission of every answer whose clock
 * ran out (save first), then, with the offline grader, grades them (an LLM
 * grading streams to the page, or the sweep does it). `except` is an answer
 * the action itself is about to submit with the text it was sent.
 */
export async function settleExpired(
  roundId: string,
  userId: string,
  now: Date,
  except?: string,
): Promise<void> {
  const roundQuestions = listRoundQuestions(roundId);
  const expired = listAnswers(roundQuestions.map((rq) => rq.id)).filter(
    (answer) => answer.id !== except && submitExpired(answer, now),
  );
  if (expired.length === 0 || planGrading(userId).grader !== "offline") return;
  const stored = listAnswers(roundQuestions.map((rq) => rq.id));
  for (const answer of stored.filter((a) => !a.skipped && expired.some((e) => e.id === a.id))) {
    const roundQuestion = roundQuestions.find((rq) => rq.id === answer.roundQuestionId)!;
    try {
      await gradeInRound(answer, roundQuestion, roundQuestions, { userId });
    } catch (error) {
      // The answer is stored; the sweep or "Grade now" grades it later.
      console.error("Grading failed for expired answer", answer.id, error);
    }
  }
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
