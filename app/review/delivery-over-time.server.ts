import { sql } from "drizzle-orm";
import { getDb } from "~/db.server";
import { z } from "~/utils/zod";

/** How many spoken answers /progress lists: the newest, enough to see a trend without a long page. */
export const DELIVERY_ROWS = 20;

/**
 * The figures /progress reads from a stored delivery (a JSON column written by
 * app/voice/delivery.ts): checked here, so a row from an older shape is left
 * out rather than shown wrong.
 */
const storedDeliverySchema = z.object({
  source: z.enum(["segments", "duration"]),
  speakingSeconds: z.number().min(0),
  words: z.number().int().min(0),
  wordsPerMinute: z.number().min(0).nullable(),
  longPauses: z.object({ count: z.number().int().min(0) }),
  fillers: z.object({ total: z.number().int().min(0), perMinute: z.number().min(0).nullable() }),
});

export interface DeliveryPoint {
  recordedAt: Date;
  roundId: string;
  position: number;
  /** 0 for the main answer, 1..3 for a follow-up. */
  slot: number;
  questionTitle: string;
  speakingSeconds: number;
  words: number;
  wordsPerMinute: number | null;
  fillers: number;
  fillersPerMinute: number | null;
  /** Null when the transcription gave no timings, so pauses could not be seen. */
  longPauses: number | null;
}

/**
 * The user's transcribed spoken answers, newest first: pace, fillers and long
 * pauses as each recording measured them. Only submitted answers of the user's
 * own rounds; typed answers have no delivery and never appear.
 */
export function loadDeliveryOverTime(userId: string, limit = DELIVERY_ROWS): DeliveryPoint[] {
  const rows = getDb().all<{
    createdAt: number;
    roundId: string;
    position: number;
    slot: number;
    title: string | null;
    delivery: string;
  }>(sql`
    SELECT rec.created_at AS createdAt, r.id AS roundId, rq.position AS position, a.slot AS slot,
      json_extract(rq.question, '$.title') AS title, rec.delivery AS delivery
    FROM rounds r
    JOIN round_questions rq ON rq.round_id = r.id
    JOIN answers a ON a.round_question_id = rq.id
    JOIN recordings rec ON rec.answer_id = a.id
    WHERE r.user_id = ${userId} AND a.submitted_at IS NOT NULL AND a.skipped = 0
      AND rec.status = 'transcribed' AND rec.delivery IS NOT NULL
    ORDER BY rec.created_at DESC
    LIMIT ${limit}`);
  return rows.flatMap((row) => {
    let json: unknown;
    try {
      json = JSON.parse(row.delivery);
    } catch {
      return [];
    }
    const parsed = storedDeliverySchema.safeParse(json);
    if (!parsed.success) return [];
    const d = parsed.data;
    return [
      {
        recordedAt: new Date(row.createdAt),
        roundId: row.roundId,
        position: row.position,
        slot: row.slot,
        questionTitle: row.title ?? "Question",
        speakingSeconds: d.speakingSeconds,
        words: d.words,
        wordsPerMinute: d.wordsPerMinute,
        fillers: d.fillers.total,
        fillersPerMinute: d.fillers.perMinute,
        longPauses: d.source === "segments" ? d.longPauses.count : null,
      },
    ];
  });
}
