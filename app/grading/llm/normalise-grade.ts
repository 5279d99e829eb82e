import { SCORE_MIN } from "~/grading/score-scale";
import {
  STAR_PARTS,
  weightedOverall,
  type CriterionGrade,
  type Grade,
  type GradeRequest,
  type Probe,
  type StarPart,
} from "~/grading/grade-schema";
import type { Question } from "~/question-bank/question-schema";
import { checkCriterionEvidence, SUPPORT_THRESHOLD, type EvidenceContext } from "./evidence";
import {
  MAX_QUOTES,
  scoreProblem,
  type LlmReply,
  type LlmReplyCriterion,
} from "./llm-output-schema";
import { normaliseForQuote } from "./untrusted-answer";

/**
 * Turns the model's reply (or replies, with LLM_SAMPLES) into a grade the app
 * can trust: every rubric criterion scored on the 1-5 scale (a reply that
 * leaves one out or scores off the scale is a failed reply, never repaired),
 * evidence kept only when it checks out (see evidence.ts), a criterion above 2
 * with no supporting quote capped at 2 and labelled, the overall recomputed
 * from the rubric weights (the model's own overall, if it sent one, is never read).
 */

export class IncompleteGradeError extends Error {
  constructor(readonly missing: string[]) {
    super(`The model did not score every rubric criterion (missing: ${missing.join(", ")})`);
    this.name = "IncompleteGradeError";
  }
}

/** A score off the scale or not a whole number: the reply failed, it is not clamped. */
export class OffScaleError extends Error {
  constructor(readonly problems: string[]) {
    super(`The model scored off the scale (${problems.join("; ")})`);
    this.name = "OffScaleError";
  }
}

const MAX_PROBES = 3;
const MIN_PROBES = 2;
const MAX_LIST = 6;

function clip(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1).trimEnd()}…`;
}

/** One criterion of one reply, with its evidence checked. */
export interface CheckedCriterion {
  criterionId: string;
  score: number;
  rationale: string;
  supporting: string[];
  /** Why no quote supports the criterion; null when one does. */
  problem: string | null;
}

/** One criterion as the model sent it, checked against the rubric and the answer; throws on an off-scale score. */
export function checkCriterion(
  raw: LlmReplyCriterion,
  criterion: Question["rubric"][number],
  evidence: EvidenceContext,
): CheckedCriterion {
  const problem = scoreProblem(raw.score);
  if (problem) throw new OffScaleError([`${criterion.name}: ${problem}`]);
  const checked = checkCriterionEvidence(raw.evidence, criterion.id, evidence, MAX_QUOTES);
  return {
    criterionId: criterion.id,
    score: raw.score,
    rationale: clip(raw.rationale, 1000) || `No rationale given for ${criterion.name}.`,
    supporting: checked.supporting,
    problem: checked.problem,
  };
}

/** Every rubric criterion of a reply, in rubric order. Throws IncompleteGradeError or OffScaleError. */
export function checkReply(
  reply: LlmReply,
  question: Question,
  evidence: EvidenceContext,
): CheckedCriterion[] {
  const missing = question.rubric.filter((c) => !reply.criteria[c.id]).map((c) => c.name);
  if (missing.length > 0) throw new IncompleteGradeError(missing);
  const problems: string[] = [];
  const criteria: CheckedCriterion[] = [];
  for (const criterion of question.rubric) {
    try {
      criteria.push(
        checkCriterion(reply.criteria[criterion.id] as LlmReplyCriterion, criterion, evidence),
      );
    } catch (error) {
      if (!(error instanceof OffScaleError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new OffScaleError(problems);
  return criteria;
}

/** A criterion across samples: the median score (the lower middle for an even count) and the spread. */
export interface CombinedCriterion extends CheckedCriterion {
  spread: number | null;
}

export function combineSamples(samples: CheckedCriterion[][]): CombinedCriterion[] {
  const first = samples[0] ?? [];
  return first.map((_, i) => {
    const versions = samples.map((s) => s[i]).filter((c): c is CheckedCriterion => c !== undefined);
    const scores = versions.map((c) => c.score).sort((a, b) => a - b);
    const median = scores[Math.floor((scores.length - 1) / 2)] ?? SCORE_MIN;
    const atMedian = versions.filter((c) => c.score === median);
    const chosen = atMedian.find((c) => c.supporting.length > 0) ?? atMedian[0] ?? versions[0]!;
    const supporting =
      chosen.supporting.length > 0
        ? chosen.supporting
        : (versions.find((c) => c.supporting.length > 0)?.supporting ?? []);
    return {
      ...chosen,
      score: median,
      supporting,
      problem: supporting.length > 0 ? null : chosen.problem,
      spread: versions.length > 1 ? (scores.at(-1) ?? median) - (scores[0] ?? median) : null,
    };
  });
}

/** Criteria scored above 2 with no supporting quote. */
export function unsupportedCriteria(criteria: CheckedCriterion[]): CheckedCriterion[] {
  return criteria.filter((c) => c.score > SUPPORT_THRESHOLD && c.supporting.length === 0);
}

/** What the model is told when its evidence did not hold up, to try once more. */
export function evidenceRetryReason(unsupported: CheckedCriterion[], question: Question): string {
  const name = (id: string) => question.rubric.find((c) => c.id === id)?.name ?? id;
  return unsupported
    .map(
      (c) =>
        `${c.criterionId} (${name(c.criterionId)}) scored ${c.score}, but ${c.problem ?? "no quote supports it"}`,
    )
    .join("; ");
}

export const EVIDENCE_CAPPED_IMPROVEMENT =
  "Some scores were capped at 2: no sentence of the answer could be quoted that shows the criterion. Make each point in a sentence of its own.";

/** The grade's criteria: unsupported scores above 2 capped at 2, each cap said in its rationale. */
export function toCriterionGrades(criteria: CombinedCriterion[]): CriterionGrade[] {
  return criteria.map((c) => {
    const capped = c.score > SUPPORT_THRESHOLD && c.supporting.length === 0;
    const note = capped
      ? ` (Capped from ${c.score} to ${SUPPORT_THRESHOLD}: ${c.problem ?? "no quote from the answer supports it"}.)`
      : "";
    return {
      criterionId: c.criterionId,
      score: capped ? SUPPORT_THRESHOLD : c.score,
      evidence: c.supporting[0] ?? null,
      rationale: capped ? c.rationale.slice(0, 1000 - note.length) + note : c.rationale,
      quotes: c.supporting,
      spread: c.spread,
      cappedFrom: capped ? c.score : null,
    };
  });
}

export function cleanList(items: string[]): string[] {
  return items
    .map((item) => clip(item, 500))
    .filter((item) => item.length > 0)
    .slice(0, MAX_LIST);
}

export function cleanStar(star: LlmReply["star"], fallback: Grade["star"]): Grade["star"] {
  if (!star) return fallback;
  const present = STAR_PARTS.filter((part) =>
    star.present.some((p) => p.trim().toLowerCase() === part),
  );
  return { present, missing: STAR_PARTS.filter((part: StarPart) => !present.includes(part)) };
}

const probeKey = (text: string) => normaliseForQuote(text).replace(/[^\p{L}\p{N} ]/gu, "");

/** The model's probes minus repeats of probes already asked, topped up from the offline grader's to at least two. */
function cleanProbes(
  raw: LlmReply["probes"],
  request: GradeRequest,
  offlineProbes: Probe[],
): Probe[] {
  const ids = new Set(request.question.rubric.map((c) => c.id));
  const seen = new Set(request.askedProbes.map(probeKey));
  const probes: Probe[] = [];
  const add = (probe: Probe) => {
    const key = probeKey(probe.question);
    if (key.length === 0 || seen.has(key) || probes.length >= MAX_PROBES) return;
    seen.add(key);
    probes.push(probe);
  };
  for (const probe of raw) {
    const criterionId =
      probe.criterionId !== null && ids.has(probe.criterionId) ? probe.criterionId : null;
    add({ question: clip(probe.question, 400), criterionId });
  }
  for (const probe of offlineProbes) {
    if (probes.length >= MIN_PROBES) break;
    add(probe);
  }
  return probes;
}

export interface BuildContext {
  request: GradeRequest;
  /** The offline grader's grade of the same answer: flags, insights, fallbacks. */
  offline: Grade;
  /** The answer carried markers of an injection attempt (see neutraliseAnswer). */
  suspicious: boolean;
  evidence: EvidenceContext;
}

/** The grade from checked, combined criteria and the reply that supplies the feedback and probes. */
export function assembleGrade(
  criteria: CombinedCriterion[],
  reply: LlmReply,
  { request, offline, suspicious, evidence }: BuildContext,
  checks: { retried: boolean; samples: number },
): Grade {
  const { question } = request;
  const graded = toCriterionGrades(criteria);
  const capped = graded.some((c) => c.cappedFrom);
  const improvements = cleanList(reply.improvements);
  return {
    overall: weightedOverall(
      question.rubric.map((c, i) => ({ score: graded[i]?.score ?? SCORE_MIN, weight: c.weight })),
    ),
    criteria: graded,
    strengths: cleanList(reply.strengths),
    improvements: capped
      ? [EVIDENCE_CAPPED_IMPROVEMENT, ...improvements].slice(0, MAX_LIST)
      : improvements,
    star: question.kind === "behavioural" ? cleanStar(reply.star, offline.star) : null,
    probes: cleanProbes(reply.probes, request, offline.probes),
    flags: { ...offline.flags, injectionSuspected: offline.flags.injectionSuspected || suspicious },
    insights: offline.insights,
    checks: { relevanceChecked: evidence.relevanceChecked, ...checks },
  };
}

/** The full grade from one reply. Throws IncompleteGradeError or OffScaleError. */
export function buildLlmGrade(reply: LlmReply, context: BuildContext): Grade {
  const criteria = combineSamples([checkReply(reply, context.request.question, context.evidence)]);
  return assembleGrade(criteria, reply, context, { retried: false, samples: 1 });
}
