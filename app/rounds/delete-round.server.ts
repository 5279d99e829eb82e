import { and, eq } from "drizzle-orm";
import { rounds } from "../../db/schema";
import { ownedBy } from "../../db/owned-by";
import { getDb } from "~/db.server";

/**
 * Deletes one of the user's rounds. Its questions, answers, grades and
 * criterion scores go with it through the schema's ON DELETE CASCADE.
 * False when there was no such round for this user.
 */
export function deleteRound(userId: string, roundId: string): boolean {
  return (
    getDb()
      .delete(rounds)
      .where(and(eq(rounds.id, roundId), ownedBy.round(userId)))
      .run().changes === 1
  );
}
