import { and, count, desc, eq, exists, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { roundQuestions, rounds } from "../../db/schema";
import { ownedBy } from "../../db/owned-by";
import { getDb } from "~/db.server";
import { HISTORY_PAGE_SIZE, type HistoryFilters } from "./history-filters";
import { questionCatalog, questionIdsMatching } from "./question-catalog.server";
import { summariseRounds, type RoundSummary } from "./round-summaries.server";

export interface HistoryRound extends RoundSummary {
  id: string;
  title: string;
  band: string;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface HistoryPage {
  rounds: HistoryRound[];
  total: number;
  page: number;
  pages: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One page of the user's rounds, newest first, with each round's overall
 * score and time used. Skill and kind filters match the questions the round
 * actually asked (their snapshots), through the catalog of distinct questions.
 */
export function listHistory(userId: string, filters: HistoryFilters): HistoryPage {
  const page = filters.page ?? 1;
  const conditions: SQL[] = [ownedBy.round(userId)];
  if (filters.from) conditions.push(gte(rounds.createdAt, new Date(`${filters.from}T00:00:00Z`)));
  if (filters.to)
    conditions.push(lt(rounds.createdAt, new Date(Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS)));
  if (filters.skill || filters.kind) {
    const ids = questionIdsMatching(questionCatalog(userId), filters);
    if (ids.length === 0) return { rounds: [], total: 0, page, pages: 0 };
    conditions.push(
      exists(
        getDb()
          .select({ one: sql`1` })
          .from(roundQuestions)
          .where(
            and(eq(roundQuestions.roundId, rounds.id), inArray(roundQuestions.questionId, ids)),
          ),
      ),
    );
  }
  const where = and(...conditions);
  const db = getDb();
  const total = db.select({ n: count() }).from(rounds).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: rounds.id,
      title: rounds.title,
      band: rounds.band,
      createdAt: rounds.createdAt,
      finishedAt: rounds.finishedAt,
    })
    .from(rounds)
    .where(where)
    .orderBy(desc(rounds.createdAt))
    .limit(HISTORY_PAGE_SIZE)
    .offset((page - 1) * HISTORY_PAGE_SIZE)
    .all();
  const summaries = summariseRounds(rows.map((r) => r.id));
  return {
    rounds: rows.map((r) => ({
      ...r,
      ...(summaries.get(r.id) ?? { questions: 0, answered: 0, overall: null, secondsUsed: 0 }),
    })),
    total,
    page,
    pages: Math.ceil(total / HISTORY_PAGE_SIZE),
  };
}
