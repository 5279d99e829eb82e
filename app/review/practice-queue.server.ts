import { sql } from "drizzle-orm";
import { getDb } from "~/db.server";
import { questionsForUser } from "~/question-bank/questions-for-user.server";
import type { Question } from "~/question-bank/question-schema";
import { latestSnapshot } from "./attempts.server";
import { questionCatalog } from "./question-catalog.server";
import { schedule, type QuestionHistory, type Scheduled } from "./spaced-repetition";

/** At most this many questions in a round of due questions. */
export const DUE_ROUND_MAX = 5;

export interface QueueItem extends Scheduled {
  title: string;
}

/**
 * Per question the user has answered: every graded attempt (the main answer's
 * latest grade, dated by its round like every review page). A skipped answer
 * has no grade and a not-assessed one a null overall: neither is a review.
 */
function histories(userId: string): QuestionHistory[] {
  const rows = getDb().all<{ questionId: string; at: number; overall: number }>(sql`
    WITH graded AS (
      SELECT rq.question_id AS questionId, r.created_at AS at,
        (SELECT g.overall FROM grades g WHERE g.answer_id = a.id ORDER BY g.created_at DESC LIMIT 1) AS overall
      FROM rounds r
      JOIN round_questions rq ON rq.round_id = r.id
      JOIN answers a ON a.round_question_id = rq.id AND a.slot = 0
      WHERE r.user_id = ${userId} AND a.submitted_at IS NOT NULL
    )
    SELECT questionId, at, overall FROM graded WHERE overall IS NOT NULL ORDER BY questionId, at`);
  const byQuestion = new Map<string, QuestionHistory>();
  for (const row of rows) {
    let history = byQuestion.get(row.questionId);
    if (!history)
      byQuestion.set(row.questionId, (history = { questionId: row.questionId, attempts: [] }));
    history.attempts.push({ at: new Date(row.at), overall: row.overall });
  }
  return [...byQuestion.values()];
}

/** The schedule, and the questions the user can practise now (the bank's files and their own as last edited), by id. */
function queueAndQuestions(userId: string, now: Date) {
  const current = new Map(questionsForUser(userId).map((q) => [q.id, q]));
  const catalog = questionCatalog(userId);
  const items: QueueItem[] = schedule(histories(userId), now).map((s) => ({
    ...s,
    title: (current.get(s.questionId) ?? catalog.get(s.questionId))?.title ?? s.questionId,
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
