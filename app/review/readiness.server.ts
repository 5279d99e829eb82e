import { and, eq, inArray } from "drizzle-orm";
import { skillSelfScores } from "../../db/schema";
import { getDb } from "~/db.server";
import { getBank } from "~/question-bank/load-bank.server";
import type { Band, Question } from "~/question-bank/question-schema";
import { selectQuestions } from "~/rounds/select-questions";
import { getPreferences, type Role } from "~/preferences/preferences.server";
import { loadSkillSummaries } from "./progress.server";
import { assessSkills, rankGaps, readinessFigure, TOP_GAPS } from "./readiness";

/** The skills the bank asks about for a role and band, with how many questions ask about each. */
export function skillsForTarget(role: Role, band: Band): { skill: string; frequency: number }[] {
  const counts = new Map<string, number>();
  for (const q of getBank()) {
    if (!q.roles.includes(role) || !q.bands.includes(band)) continue;
    for (const skill of q.skills) counts.set(skill, (counts.get(skill) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([skill, frequency]) => ({ skill, frequency }))
    .sort((a, b) => b.frequency - a.frequency || a.skill.localeCompare(b.skill));
}

export function getSelfScores(userId: string): Map<string, number> {
  const rows = getDb()
    .select({ skill: skillSelfScores.skill, score: skillSelfScores.score })
    .from(skillSelfScores)
    .where(eq(skillSelfScores.userId, userId))
    .all();
  return new Map(rows.map((r) => [r.skill, r.score]));
}

/** Saves the matrix as submitted: a score sets a skill's rating, null clears it. */
export function saveSelfScores(
  userId: string,
  entries: { skill: string; score: number | null }[],
): void {
  getDb().transaction((tx) => {
    const cleared = entries.filter((e) => e.score === null).map((e) => e.skill);
    if (cleared.length > 0)
      tx.delete(skillSelfScores)
        .where(and(eq(skillSelfScores.userId, userId), inArray(skillSelfScores.skill, cleared)))
        .run();
    for (const { skill, score } of entries) {
      if (score === null) continue;
      tx.insert(skillSelfScores)
        .values({ userId, skill, score })
        .onConflictDoUpdate({
          target: [skillSelfScores.userId, skillSelfScores.skill],
          set: { score, updatedAt: new Date() },
        })
        .run();
    }
  });
}

/** Everything the readiness page shows for the user's current target: one figure, the top gaps, the matrix. */
export function loadReadiness(userId: string) {
  const preferences = getPreferences(userId);
  const skills = skillsForTarget(preferences.targetRole, preferences.targetBand);
  const measured = new Map(
    loadSkillSummaries(userId).map((s) => [s.skill, { score: s.recent, attempts: s.attempts }]),
  );
  const matrix = assessSkills(skills, getSelfScores(userId), measured);
  const ranked = rankGaps(matrix);
  return {
    target: { role: preferences.targetRole, band: preferences.targetBand },
    figure: readinessFigure(matrix),
    matrix,
    /** The most urgent gaps, which the page leads with. */
    gaps: ranked.slice(0, TOP_GAPS),
    /** Every other gap, most urgent first, then the skills already ready: the "practise another skill" list. */
    others: [...ranked.slice(TOP_GAPS), ...matrix.filter((s) => s.gap === 0)].map((s) => s.skill),
  };
}

/** Up to three questions practising one skill, for the band if it has any, else from any band. */
export function questionsForSkill(skill: string, band: Band): Question[] {
  const selection = { skills: [skill], kinds: [], band, count: 3 };
  const forBand = selectQuestions(getBank(), selection);
  if (forBand.length > 0) return forBand;
  return selectQuestions(
    getBank().map((q) => ({ ...q, bands: [band] })),
    selection,
  );
}
