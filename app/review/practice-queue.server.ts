import type { Statement } from "better-sqlite3";
import { getSqlite } from "~/db.server";
import { questionsForUser } from "~/custom-questions/questions-for-user.server";
import type { Question } from "~/question-bank/question-schema";
import { latestSnapshot } from "./attempts.server";
import { schedule, type QuestionHistory, type Scheduled } from "./spaced-repetition";

/** At most this many questions in a round of due questions. */
export const DUE_ROUND_MAX = 5;

export interface QueueItem extends Scheduled {
  title: string;
}

/**
 * Per question the user has answered: every graded attempt (the main answer's
 * latest grade, dated by its round like every review page), as review_scores
 * keeps them (migration 0008; one indexed range, not a walk over every answer
 * and grade). A skipped answer has no grade and a not-assessed one a null
 * overall: neither is a review, and neither is in that table.
 */
function histories(userId: string): QuestionHistory[] {
  // Raw rows from a statement prepared once per connection: a heavy user has thousands of attempts.
  const rows = historyStatement().all(userId) as [
    questionId: string,
    at: number,
    overall: number,
  ][];
  const byQuestion = new Map<string, QuestionHistory>();
  for (const [questionId, at, overall] of rows) {
    let history = byQuestion.get(questionId);
    if (!history) byQuestion.set(questionId, (history = { questionId, attempts: [] }));
    history.attempts.push({ at: new Date(at), overall });
  }
  return [...byQuestion.values()];
}

const statements = new WeakMap<object, Statement>();
function historyStatement(): Statement {
  const sqlite = getSqlite();
  let statement = statements.get(sqlite);
  if (!statement) {
    statement = sqlite
      .prepare(
        `SELECT question_id, at, score FROM review_scores
        WHERE user_id = ? AND kind = 'overall' AND key = ''
        ORDER BY at, position`,
      )
      .raw(true);
    statements.set(sqlite, statement);
  }
  return statement;
}

/** The schedule, and the questions the user can practise now (the bank's files and their own as last edited), by id. */
function queueAndQuestions(userId: string, now: Date) {
  const current = new Map(questionsForUser(userId).map((q) => [q.id, q]));
  const items: QueueItem[] = schedule(histories(userId), now).map((s) => ({
    ...s,
    // A question no longer in the bank or the user's own: titled as last asked.
    title:
      current.get(s.questionId)?.title ??
      latestSnapshot(userId, s.questionId)?.title ??
      s.questionId,
  }));
  return { items, current };
}

/**
 * Every answered question with when it is next due, due ones first, most
 * overdue first, titled as it will be asked: as it is now, or as last asked.
 */
export function loadQueue(userId: string, now: Date): QueueItem[] {
  return queueAndQuestions(userId, now).items;
}

/**
 * The questions for a round of due ones: the most overdue as they are now
 * (the bank's file, or the user's own question after their latest edit), or
 * as last asked when the question is gone.
 */
export function dueQuestions(userId: string, now: Date): Question[] {
  const { items, current } = queueAndQuestions(userId, now);
  return items
    .filter((item) => item.due)
    .slice(0, DUE_ROUND_MAX)
    .map((item) => current.get(item.questionId) ?? latestSnapshot(userId, item.questionId))
    .filter((q): q is Question => q !== undefined);
}
