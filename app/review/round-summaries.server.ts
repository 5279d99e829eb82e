import { sql } from "drizzle-orm";
import { getDb } from "~/db.server";

export interface RoundSummary {
  questions: number;
  /** Main answers submitted. */
  answered: number;
  /** Mean of the main answers' latest overall scores (as the report shows it); null until one is graded. */
  overall: number | null;
  /** Time spent answering, main answers and follow-ups, each capped at its deadline. */
  secondsUsed: number;
}

interface Row {
  roundId: string;
  questions: number;
  answered: number;
  overall: number | null;
  msUsed: number | null;
}

/** One aggregate query for a page of rounds: every join runs on an index, no snapshot is read. */
export function summariseRounds(roundIds: string[]): Map<string, RoundSummary> {
  const result = new Map<string, RoundSummary>();
  if (roundIds.length === 0) return result;
  const rows = getDb().all<Row>(sql`
    SELECT rq.round_id AS roundId,
      count(DISTINCT rq.id) AS questions,
      count(CASE WHEN a.slot = 0 AND a.submitted_at IS NOT NULL THEN 1 END) AS answered,
      avg(CASE WHEN a.slot = 0 THEN (
        SELECT g.overall FROM grades g WHERE g.answer_id = a.id ORDER BY g.created_at DESC LIMIT 1
      ) END) AS overall,
      sum(CASE WHEN a.submitted_at IS NOT NULL THEN min(a.submitted_at, a.deadline_at) - a.started_at END) AS msUsed
    FROM round_questions rq
    LEFT JOIN answers a ON a.round_question_id = rq.id
    WHERE rq.round_id IN ${roundIds}
    GROUP BY rq.round_id
  `);
  for (const row of rows) {
    result.set(row.roundId, {
      questions: row.questions,
      answered: row.answered,
      overall: row.overall === null ? null : Math.round(row.overall * 10) / 10,
      secondsUsed: Math.round((row.msUsed ?? 0) / 1000),
    });
  }
  return result;
}
