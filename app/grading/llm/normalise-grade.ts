import { SCORE_MAX, SCORE_MIN } from "~/grading/score-scale";
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
import type { LlmReply, LlmReplyCriterion } from "./llm-output-schema";
import { normaliseForQuote, quoteOccursIn, restoreLookalikes } from "./untrusted-answer";

/**
 * Turns the model's reply into a grade the app can trust: scores clamped to
 * the scale, evidence kept only when it really occurs in the answer, ids
 * checked against the rubric, the overall recomputed from the rubric weights
 * (the model's own overall, if it sent one, is never read).
 */

export class IncompleteGradeError extends Error {
  constructor(readonly missing: string[]) {
    super(`The model did not score every rubric criterion (missing: ${missing.join(", ")})`);
    this.name = "IncompleteGradeError";
  }
}

const MAX_PROBES = 3;
const MIN_PROBES = 2;
const MAX_LIST = 6;

export function clampScore(score: number): number {
  return Math.min(SCORE_MAX, Math.max(SCORE_MIN, Math.round(score)));
}

function clip(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1).trimEnd()}…`;
}

function cleanEvidence(evidence: string | null, answer: string): string | null {
  if (evidence === null) return null;
  const quote = restoreLookalikes(
    evidence
      .trim()
      .replace(/^["“'‘]+|["”'’]+$/g, "")
      .trim(),
  );
  if (!quoteOccursIn(quote, answer)) return null;
  return quote.slice(0, 1000);
}

/** One criterion of the reply, checked against the rubric; null when the rubric has no such criterion. */
export function normaliseCriterion(
  raw: LlmReplyCriterion,
  question: Question,
  answer: string,
): CriterionGrade | null {
  const criterion = question.rubric.find((c) => c.id === raw.criterionId);
  if (!criterion) return null;
  return {
    criterionId: criterion.id,
    score: clampScore(raw.score),
    evidence: cleanEvidence(raw.evidence, answer),
    rationale: clip(raw.rationale, 1000) || `No rationale given for ${criterion.name}.`,
  };
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
}

/** The full grade from the model's reply. Throws IncompleteGradeError when a rubric criterion has no score. */
export function buildLlmGrade(
  reply: LlmReply,
  { request, offline, suspicious }: BuildContext,
): Grade {
  const { question, answer } = request;
  const byId = new Map<string, CriterionGrade>();
  for (const raw of reply.criteria) {
    const criterion = normaliseCriterion(raw, question, answer);
    if (criterion && !byId.has(criterion.criterionId)) byId.set(criterion.criterionId, criterion);
  }
  const missing = question.rubric.filter((c) => !byId.has(c.id)).map((c) => c.name);
  if (missing.length > 0) throw new IncompleteGradeError(missing);

  const criteria = question.rubric.map((c) => byId.get(c.id) as CriterionGrade);
  return {
    overall: weightedOverall(
      question.rubric.map((c, i) => ({ score: criteria[i]?.score ?? SCORE_MIN, weight: c.weight })),
    ),
    criteria,
    strengths: cleanList(reply.strengths),
    improvements: cleanList(reply.improvements),
    star: question.kind === "behavioural" ? cleanStar(reply.star, offline.star) : null,
    probes: cleanProbes(reply.probes, request, offline.probes),
    flags: { ...offline.flags, injectionSuspected: offline.flags.injectionSuspected || suspicious },
    insights: offline.insights,
  };
}
