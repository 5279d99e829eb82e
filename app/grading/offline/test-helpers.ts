import { readFileSync } from "node:fs";
import path from "node:path";
import type { Grade, GradeRequest } from "~/grading/grade-schema";
import { loadBankFrom } from "~/question-bank/load-bank.server";
import type { Question } from "~/question-bank/question-schema";

/** Test-only helpers: the real bank and the calibration answers. */

let bank: Question[] | undefined;

export function testBank(): Question[] {
  bank ??= loadBankFrom(path.resolve("question-bank"));
  return bank;
}

/** The overall of a grade that must have one (an answer the offline grader can read). */
export function overallOf(grade: Grade): number {
  if (grade.overall === null) throw new Error("the grade has no score (not assessed)");
  return grade.overall;
}

export function question(id: string): Question {
  const found = testBank().find((q) => q.id === id);
  if (!found) throw new Error(`no question ${id} in the bank`);
  return found;
}

export interface CalibrationAnswer {
  id: string;
  question: Question;
  answer: string;
  reference: number;
}

export function calibrationAnswers(file = "tests/fixtures/calibration.jsonl"): CalibrationAnswer[] {
  return readFileSync(path.resolve(file), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const record = JSON.parse(line) as { id: string; question: string; answer: string; reference: number };
      const q = testBank().find((x) => x.title.toLowerCase() === record.question.toLowerCase() || x.id === record.question);
      if (!q) throw new Error(`unknown question ${record.question}`);
      return { id: record.id, question: q, answer: record.answer, reference: record.reference };
    });
}

export function requestFor(q: Question, answer: string, extra: Partial<GradeRequest> = {}): GradeRequest {
  return { question: q, answer, secondsAllowed: q.minutes * 60, secondsTaken: null, probe: null, askedProbes: [], ...extra };
}
