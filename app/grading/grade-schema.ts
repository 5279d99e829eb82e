import { z } from "~/utils/zod";
import type { Question } from "~/question-bank/question-schema";
import { SCORE_MAX, SCORE_MIN } from "./score-scale";

/**
 * The one contract every grader fulfils. The offline grader's output and the
 * LLM's structured output are both validated against `gradeSchema` before
 * they are stored or shown.
 */


export const STAR_PARTS = ["situation", "task", "action", "result"] as const;
export const starPartSchema = z.enum(STAR_PARTS);
export type StarPart = z.infer<typeof starPartSchema>;

const score = z.number().int().min(SCORE_MIN).max(SCORE_MAX);

export const criterionGradeSchema = z.object({
  criterionId: z.string().min(1),
  score,
  /** A sentence quoted verbatim from the answer that earned the score, or null when none did. */
  evidence: z.string().max(1000).nullable(),
  /** Why this score, in the interviewer's words. */
  rationale: z.string().min(1).max(1000),
  /**
   * LLM grades: every quote the app verified (it occurs in the answer and, when
   * the answer can be read, is relevant to this criterion); `evidence` is the
   * first. Optional: grades stored before it have none.
   */
  quotes: z.array(z.string().max(1000)).max(5).optional(),
  /** LLM grades with LLM_SAMPLES > 1: highest minus lowest sampled score (2+ means the model was unsure). */
  spread: z.number().int().min(0).max(SCORE_MAX - SCORE_MIN).nullable().optional(),
  /** Set when the score was capped because no verified, relevant quote supported it: the score the model gave. */
  cappedFrom: z.number().int().min(SCORE_MIN).max(SCORE_MAX).nullable().optional(),
});

export const probeSchema = z.object({
  question: z.string().min(1).max(400),
  /** The rubric criterion the probe digs into, when it targets one. */
  criterionId: z.string().nullable(),
});

export const starSchema = z.object({
  present: z.array(starPartSchema),
  missing: z.array(starPartSchema),
});

export const gradeFlagsSchema = z.object({
  /** The answer addressed the grader ("ignore previous instructions", fake scores, ...). */
  injectionSuspected: z.boolean(),
  /** The answer does not look like English; the offline grader cannot judge it fairly. */
  nonEnglish: z.boolean(),
});

/** What the app checked about an LLM grade's evidence (absent on offline grades and grades stored before). */
export const evidenceChecksSchema = z.object({
  /**
   * Whether quotes were checked for relevance to their criterion: false when
   * the answer is in a language the offline matcher cannot read, so only their
   * presence in the answer (and the injection patterns) was checked.
   */
  relevanceChecked: z.boolean(),
  /** The model was asked once more because its evidence did not hold up. */
  retried: z.boolean(),
  /** Replies the median was taken over (LLM_SAMPLES). */
  samples: z.number().int().min(1).max(10),
});

export const insightsSchema = z.object({
  wordCount: z.number().int().min(0),
  /** Words per minute of time actually taken, when it is known. */
  wordsPerMinute: z.number().min(0).nullable(),
  fillerWords: z.array(z.object({ word: z.string(), count: z.number().int().min(1) })),
  topWords: z.array(z.object({ word: z.string(), count: z.number().int().min(1) })),
  /** Job-related terms from the rubric that the answer used. */
  termsUsed: z.array(z.string()),
});

export const gradeSchema = z.object({
  /**
   * Weighted mean of the criterion scores, one decimal; null when the grader
   * could not assess the answer at all (the offline grader and an answer in
   * another language). Such a grade has no criteria and counts in no figure.
   */
  overall: z.number().min(SCORE_MIN).max(SCORE_MAX).nullable(),
  criteria: z.array(criterionGradeSchema),
  strengths: z.array(z.string().min(1).max(500)).max(6),
  improvements: z.array(z.string().min(1).max(500)).max(6),
  /** STAR parts found, for behavioural questions; null otherwise. */
  star: starSchema.nullable(),
  probes: z.array(probeSchema).max(3),
  flags: gradeFlagsSchema,
  insights: insightsSchema.nullable(),
  /**
   * One line on what the grader judged and what it did not (offline grades:
   * the rubric's points and the answer's structure, not the reasoning), so a
   * reader knows how far to trust the score. Optional: older grades have none.
   */
  scope: z.string().max(300).optional(),
  checks: evidenceChecksSchema.nullable().optional(),
}).refine((grade) => (grade.overall === null) === (grade.criteria.length === 0), {
  error: "A grade scores every criterion, or (not assessed) none and no overall.",
  path: ["criteria"],
});

export type Grade = z.infer<typeof gradeSchema>;
/** A grade with scores: what every average, chart, readiness figure and the queue are made of. */
export type AssessedGrade = Grade & { overall: number };

export function isAssessed(grade: Grade): grade is AssessedGrade {
  return grade.overall !== null;
}
export type CriterionGrade = z.infer<typeof criterionGradeSchema>;
export type Probe = z.infer<typeof probeSchema>;
export type Insights = z.infer<typeof insightsSchema>;
export type EvidenceChecks = z.infer<typeof evidenceChecksSchema>;

export const GRADER_KINDS = ["offline", "openai"] as const;
export type GraderKind = (typeof GRADER_KINDS)[number];

/** Who produced a grade: stored with every grade. */
export interface GradeProvenance {
  grader: GraderKind;
  model: string | null;
  promptVersion: string | null;
  /** Set when the LLM failed and the offline grader stood in; says why. */
  fallbackReason: string | null;
  tokensIn: number | null;
  tokensOut: number | null;
  latencyMs: number | null;
}

export interface GradeRequest {
  question: Question;
  answer: string;
  /** Time allowed and taken, for pacing and length judgements. */
  secondsAllowed: number;
  secondsTaken: number | null;
  /** When grading a follow-up answer: the probe it answers. */
  probe: z.infer<typeof probeSchema> | null;
  /** Probes already asked in this round, never to be asked again. */
  askedProbes: string[];
}

/** Rounds a weighted mean to the one-decimal overall score. */
export function weightedOverall(scores: { score: number; weight: number }[]): number {
  const totalWeight = scores.reduce((sum, s) => sum + s.weight, 0);
  if (totalWeight === 0) return SCORE_MIN;
  const mean = scores.reduce((sum, s) => sum + s.score * s.weight, 0) / totalWeight;
  return Math.round(mean * 10) / 10;
}
