import { avg, count, sum } from "drizzle-orm";
import { ownedBy } from "../../db/owned-by";
import { grades } from "../../db/schema";
import { getDb } from "~/db.server";

export interface GraderUsage {
  grader: string;
  grades: number;
  tokensIn: number;
  tokensOut: number;
  averageLatencyMs: number | null;
  fallbacks: number;
}

/** What this user's gradings cost, per grader. */
export function usageByGrader(userId: string): GraderUsage[] {
  const rows = getDb()
    .select({
      grader: grades.grader,
      grades: count(),
      tokensIn: sum(grades.tokensIn),
      tokensOut: sum(grades.tokensOut),
      averageLatencyMs: avg(grades.latencyMs),
      fallbacks: count(grades.fallbackReason),
    })
    .from(grades)
    .where(ownedBy.grade(userId))
    .groupBy(grades.grader)
    .all();
  return rows.map((r) => ({
    grader: r.grader,
    grades: r.grades,
    tokensIn: Number(r.tokensIn ?? 0),
    tokensOut: Number(r.tokensOut ?? 0),
    averageLatencyMs: r.averageLatencyMs === null ? null : Math.round(Number(r.averageLatencyMs)),
    fallbacks: r.fallbacks,
  }));
}
