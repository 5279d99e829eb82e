import { eq } from "drizzle-orm";
import { userPreferences } from "../../db/schema";
import { getDb } from "~/db.server";
import type { ROLES } from "~/question-bank/question-choices";
import type { Band } from "~/question-bank/question-schema";

export type Role = (typeof ROLES)[number];

export interface Preferences {
  lowAnxiety: boolean;
  /** Read each question and follow-up aloud when its page opens. */
  readAloud: boolean;
  targetRole: Role;
  targetBand: Band;
}

const DEFAULTS: Preferences = {
  lowAnxiety: false,
  readAloud: false,
  targetRole: "backend",
  targetBand: "3-5",
};

export function getPreferences(userId: string): Preferences {
  const row = getDb()
    .select({
      lowAnxiety: userPreferences.lowAnxiety,
      readAloud: userPreferences.readAloud,
      targetRole: userPreferences.targetRole,
      targetBand: userPreferences.targetBand,
    })
    .from(userPreferences)
    .where(eq(userPreferences.userId, userId))
    .get();
  return row ?? DEFAULTS;
}

/** Writes only the fields given; a user's first change creates their row with the defaults for the rest. */
export function updatePreferences(userId: string, changes: Partial<Preferences>): void {
  getDb()
    .insert(userPreferences)
    .values({ ...DEFAULTS, ...changes, userId })
    .onConflictDoUpdate({
      target: userPreferences.userId,
      set: { ...changes, updatedAt: new Date() },
    })
    .run();
}
