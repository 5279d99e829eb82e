import { sql } from "drizzle-orm";
import { getDb } from "~/db.server";
import { questionsForUser } from "~/question-bank/questions-for-user.server";
import type { Question } from "~/question-bank/question-schema";
import { latestSnapshot } from "./attempts.server";
import { questionCatalog } from "./question-catalog.server";
import { schedule, type LastAttempt, type Scheduled } from "./spaced-repetition";

/** At most this many questions in a "due today" round. */
export const DUE_ROUND_MAX = 5;

export interface QueueItem extends Scheduled {
  title: string;
}

/** Per question the user has answered: the latest graded attempt, and how many graded attempts there were. */
function lastAttempts(userId: string): LastAttempt[] {
  const rows = getDb().all<{
    questionId: string;
    lastAt: number;
    overall: number;
    attempts: number;
  }>(sql`
    WITH graded AS (
      SELECT rq.question_id AS questionId, r.created_at AS at,
        (SELECT g.overall FROM grades g WHERE g.answer_id = a.id ORDER BY g.created_at DESC LIMIT 1) AS overall
      FROM rounds r
      JOIN round_questions rq ON rq.round_id = r.id
      JOIN answers a ON a.round_question_id = rq.id AND a.slot = 0
      WHERE r.user_id = ${userId} AND a.submitted_at IS NOT NULL
    ), ranked AS (
      SELECT questionId, at, overall,
        row_number() OVER (PARTITION BY questionId ORDER BY at DESC) AS rn,
        count(*) OVER (PARTITION BY questionId) AS attempts
      FROM graded WHERE overall IS NOT NULL
    )
    SELECT questionId, at AS lastAt, overall, attempts FROM ranked WHERE rn = 1`);
  return rows.map((r) => ({ ...r, lastAt: new Date(r.lastAt) }));
}

/** The schedule, and the questions the user can practise now (the bank's files and their own as last edited), by id. */
function queueAndQuestions(userId: string, now: Date) {
  const current = new Map(questionsForUser(userId).map((q) => [q.id, q]));
  const catalog = questionCatalog(userId);
  const items: QueueItem[] = schedule(lastAttempts(userId), now).map((s) => ({
    ...s,
    title: (current.get(s.questionId) ?? catalog.get(s.questionId))?.title ?? s.questionId,
  }));
  return { items, current };
}

/**
 * Every answered question with when it is next due, due ones first, most
 * urgent first, titled as it will be asked: as it is now, or as last asked.
 */
export function loadQueue(userId: string, now: Date): QueueItem[] {
  return queueAndQuestions(userId, now).items;
}

/**
 * The questions for today's round: the most urgent due ones as they are now
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
