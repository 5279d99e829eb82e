import type { QuestionView } from "~/grading/round-grades.server";
import { scoreInWords, scoreText } from "~/scores/score-words";
import { questionTime, timeUsedText, type QuestionTime } from "./time-used";

/** One line of a round report's summary: what a user scans before reading a question's details. */
export interface SummaryRow {
  position: number;
  title: string;
  /** The main answer's overall score; null when there is none to show (see `status`). */
  overall: number | null;
  status: "graded" | "not answered" | "skipped" | "not graded yet" | "not assessed";
  time: QuestionTime | null;
}

export function summaryRows(
  questions: Pick<QuestionView, "roundQuestion" | "main" | "followUps">[],
): SummaryRow[] {
  return questions.map(({ roundQuestion, main, followUps }) => {
    const base = { position: roundQuestion.position, title: roundQuestion.question.title };
    if (!main?.submittedAt) return { ...base, overall: null, status: "not answered", time: null };
    const time = questionTime(main, followUps);
    if (main.skipped) return { ...base, overall: null, status: "skipped", time };
    const overall = main.grade?.grade.overall;
    if (overall === undefined) return { ...base, overall: null, status: "not graded yet", time };
    if (overall === null) return { ...base, overall: null, status: "not assessed", time };
    return { ...base, overall, status: "graded", time };
  });
}

/** "3.4 / 5 · Good": the score with its band word; in low-anxiety mode the word alone. */
export function scoreWithWord(score: number, lowAnxiety: boolean): string {
  return lowAnxiety ? scoreInWords(score) : `${scoreText(score, false)} · ${scoreInWords(score)}`;
}

/** A summary row's score cell: the score with its word, or why there is none ("skipped"). */
export function summaryScore(row: SummaryRow, lowAnxiety: boolean): string {
  return row.overall === null ? row.status : scoreWithWord(row.overall, lowAnxiety);
}

/** A summary row's time cell: "0:23 of 5:00, plus 0:17 on 1 follow-up", or "—" before an answer. */
export function summaryTime(row: SummaryRow): string {
  return row.time ? timeUsedText(row.time) : "—";
}
