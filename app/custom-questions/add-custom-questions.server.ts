import { getDb } from "~/db.server";
import { getBank } from "~/question-bank/load-bank.server";
import type { Question } from "~/question-bank/question-schema";
import {
  countCustomQuestions,
  CUSTOM_QUESTIONS_MAX,
  customSlugs,
  insertCustomQuestions,
} from "./custom-questions.server";

export interface AddProblem {
  /** The question at fault (its index in the list given), or null for the list as a whole. */
  index: number | null;
  message: string;
}

export type AddResult = { ok: true } | { ok: false; problems: AddProblem[] };

/**
 * Adds validated questions to the user's own, all or none: an id the bank or
 * the user already has, or going past the limit, refuses every one of them.
 * The checks and the insert share one transaction, so two tabs cannot both
 * take an id.
 */
export function addCustomQuestions(userId: string, questions: Question[]): AddResult {
  return getDb().transaction(
    (tx) => {
      const bank = new Set(getBank().map((q) => q.id));
      const own = customSlugs(userId, tx);
      const problems: AddProblem[] = [];
      questions.forEach((question, index) => {
        if (bank.has(question.id))
          problems.push({
            index,
            message: `“${question.id}” is the id of a question in the bank: choose another id.`,
          });
        else if (own.has(question.id))
          problems.push({
            index,
            message: `You already have a question with the id “${question.id}”: choose another id.`,
          });
      });
      const total = countCustomQuestions(userId, tx) + questions.length;
      if (total > CUSTOM_QUESTIONS_MAX) {
        problems.push({
          index: null,
          message: `You can keep at most ${CUSTOM_QUESTIONS_MAX} questions of your own; this would make ${total}.`,
        });
      }
      if (problems.length > 0) return { ok: false, problems };
      insertCustomQuestions(userId, questions, tx);
      return { ok: true };
      // Immediate: it reads before it writes, and with several workers a deferred transaction would fail
      // with SQLITE_BUSY at its first write instead of waiting for the other process (busy_timeout).
    },
    { behavior: "immediate" },
  );
}
