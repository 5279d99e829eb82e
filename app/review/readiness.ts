/**
 * The readiness view's arithmetic: a self-scored skill matrix set against
 * measured scores, and the gaps ranked. Pure, so it is tested on its own.
 */

/** The level (1-5) at which a skill counts as interview-ready. */
export const READY_LEVEL = 4;
/** What each self-rating (1-5) means, as the rating guides put it. */
export const SELF_RATINGS = [
  "aware of it",
  "used it a little",
  "use it at work",
  "could teach it",
  "go-to person",
] as const;

/** A self-rating as the user reads it: "3 — use it at work", or only its words in low-anxiety mode. */
export function selfRatingText(level: number, lowAnxiety: boolean): string {
  const words = SELF_RATINGS[level - 1] ?? String(level);
  return lowAnxiety ? words : `${level} — ${words}`;
}

/** A self-score this far above the measured score is flagged as overrated. */
const OVERRATED_BY = 1;

export interface SkillReadiness {
  skill: string;
  /** How many of the target role and band's questions exercise the skill: a proxy for how often it is asked. */
  frequency: number;
  self: number | null;
  measured: number | null;
  attempts: number;
  /** READY_LEVEL minus the measured score (or the self-score while nothing is measured); 0 when ready; null when unknown. */
  gap: number | null;
  overrated: boolean;
}

export function assessSkills(
  skills: { skill: string; frequency: number }[],
  selfScores: Map<string, number>,
  measured: Map<string, { score: number; attempts: number }>,
): SkillReadiness[] {
  return skills.map(({ skill, frequency }) => {
    const self = selfScores.get(skill) ?? null;
    const m = measured.get(skill);
    const level = m?.score ?? self;
    return {
      skill,
      frequency,
      self,
      measured: m?.score ?? null,
      attempts: m?.attempts ?? 0,
      gap: level === null ? null : Math.max(0, Math.round((READY_LEVEL - level) * 10) / 10),
      overrated: self !== null && m !== undefined && self - m.score >= OVERRATED_BY,
    };
  });
}

/**
 * The gaps to close, most urgent first: the biggest gap, then the most asked
 * skill; then skills nobody has judged yet (no self-score, no answer), most asked first.
 */
export function rankGaps(skills: SkillReadiness[]): SkillReadiness[] {
  const known = skills
    .filter((s) => s.gap !== null && s.gap > 0)
    .sort((a, b) => b.gap! - a.gap! || b.frequency - a.frequency || a.skill.localeCompare(b.skill));
  const unknown = skills
    .filter((s) => s.gap === null)
    .sort((a, b) => b.frequency - a.frequency || a.skill.localeCompare(b.skill));
  return [...known, ...unknown];
}

export interface ReadinessFigure {
  /** 0-100: how much of the target's questions' skills are at the ready level, weighted by how often each is asked. */
  percent: number;
  /** The figure in words, for low-anxiety mode and beside the number. */
  words: string;
  skills: number;
  /** Skills whose level comes from graded answers, from the user's own rating only, and from neither. */
  measured: number;
  rated: number;
  unknown: number;
}

/** How much a level counts towards readiness: nothing at 1, in full at READY_LEVEL and above, in proportion between. */
export function readinessCredit(level: number | null): number {
  if (level === null) return 0;
  return Math.min(1, Math.max(0, (level - 1) / (READY_LEVEL - 1)));
}

const FIGURE_WORDS: { min: number; words: string }[] = [
  { min: 100, words: "ready" },
  { min: 75, words: "nearly ready" },
  { min: 50, words: "getting there" },
  { min: 25, words: "on the way" },
  { min: 0, words: "just starting" },
];

/**
 * One readiness figure for the target: each skill its role and band's
 * questions ask about counts by how often it is asked, in full once its
 * level (the measured score, else the self-rating) is READY_LEVEL or more, in
 * part below (readinessCredit), and not at all before it is rated or practised.
 */
export function readinessFigure(skills: SkillReadiness[]): ReadinessFigure {
  const weight = skills.reduce((sum, s) => sum + s.frequency, 0);
  const credit = skills.reduce(
    (sum, s) => sum + s.frequency * readinessCredit(s.measured ?? s.self),
    0,
  );
  // Floored, so 100% means every skill is ready, not nearly.
  const percent = weight === 0 ? 0 : Math.floor((100 * credit) / weight + 1e-9);
  return {
    percent,
    words: FIGURE_WORDS.find((w) => percent >= w.min)!.words,
    skills: skills.length,
    measured: skills.filter((s) => s.measured !== null).length,
    rated: skills.filter((s) => s.measured === null && s.self !== null).length,
    unknown: skills.filter((s) => s.measured === null && s.self === null).length,
  };
}

/** The gaps the readiness page leads with. */
export const TOP_GAPS = 3;
