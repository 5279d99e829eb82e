import { eq, inArray, sql } from "drizzle-orm";
import { roundQuestions, rounds } from "../../db/schema";
import { ownedBy } from "../../db/owned-by";
import { getDb } from "~/db.server";
import type { QuestionKind } from "~/question-bank/question-schema";

export interface CatalogQuestion {
  id: string;
  title: string;
  kind: QuestionKind;
  skills: string[];
  criteria: { id: string; name: string }[];
}

/**
 * Every question this user has been asked, described by its most recent
 * snapshot (what the rounds really asked, even if the bank has changed since).
 * Reads one snapshot per distinct question, not one per round.
 */
export function questionCatalog(userId: string): Map<string, CatalogQuestion> {
  const db = getDb();
  const newest = db
    .select({ rowId: sql<number>`max(${roundQuestions}.rowid)` })
    .from(roundQuestions)
    .innerJoin(rounds, eq(rounds.id, roundQuestions.roundId))
    .where(ownedBy.round(userId))
    .groupBy(roundQuestions.questionId)
    .all()
    .map((r) => r.rowId);
  const catalog = new Map<string, CatalogQuestion>();
  if (newest.length === 0) return catalog;
  const snapshots = db
    .select({ question: roundQuestions.question })
    .from(roundQuestions)
    .where(inArray(sql`${roundQuestions}.rowid`, newest))
    .all();
  for (const { question } of snapshots) {
    catalog.set(question.id, {
      id: question.id,
      title: question.title,
      kind: question.kind,
      skills: question.skills,
      criteria: question.rubric.map((c) => ({ id: c.id, name: c.name })),
    });
  }
  return catalog;
}

/** Ids of the catalog's questions that practise a skill and/or are of a kind. */
export function questionIdsMatching(
  catalog: Map<string, CatalogQuestion>,
  { skill, kind }: { skill?: string | null; kind?: QuestionKind | null },
): string[] {
  return [...catalog.values()]
    .filter((q) => (!skill || q.skills.includes(skill)) && (!kind || q.kind === kind))
    .map((q) => q.id);
}
