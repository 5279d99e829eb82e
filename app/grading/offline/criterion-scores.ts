import { SCORE_MAX, SCORE_MIN } from "~/grading/score-scale";
import type { KeyPointResult } from "./key-points";
import type { StatedMisconception } from "./misconceptions";
import type { CompiledCriterion } from "./rubric-index";
import type { SentenceFeatures } from "./sentence-features";
import type { StarAnalysis } from "./star";

/**
 * Turns the evidence into a 1-5 score per criterion. The scale is meant to be
 * stingy: 5 needs every key point of the criterion explained; naming terms
 * moves a score little; a stated misconception, an off-topic answer or one
 * far too short for the time pulls it down.
 */

export interface AnswerShape {
  /** Word-weighted share of on-topic sentences, 0-1. */
  relevance: number;
  words: number;
  targetWords: number;
  /** Share of the answer's sentences that only drop terms: lists and bare one-line statements. */
  listShare: number;
  /** The answer reads as buzzword salad (key-points.ts readSalad). */
  salad?: boolean;
  /** 0-1: an on-topic answer in real sentences, of a length that can say something. */
  engagement: number;
}

export interface CriterionScore {
  criterion: CompiledCriterion;
  score: number;
  /** Unrounded score, for ordering. */
  raw: number;
  keyPoints: KeyPointResult[];
  misconceptions: StatedMisconception[];
  /** Sentence that earned the score, if any. */
  evidence: number | null;
  /** Behavioural signal strength blended into the score, when the criterion listens for one. */
  signal: number | null;
}

/** The share of a criterion's key points, best first, that its coverage is the mean of. */
const COVERED_SHARE = 0.6;
const MISCONCEPTION_PENALTY = 1.4;
const OTHER_CRITERION_PENALTY = 0.3;
const DEPTH_BONUS = 0.3;
const ENGAGEMENT_BONUS = 0.9;
const SALAD_CAP = 1.8;
/**
 * A story in which the candidate did nothing themselves ("the team rolled back… I was on the team and
 * learned a lot"): interviewers score it about 2 however well the team did, since it shows nothing of
 * the person they are hiring.
 */
const SPECTATOR_CAP = 2;
/**
 * One thing the candidate did, and the rest told of others ("the platform team kept saying they had no
 * time… I did my part on time, but…"): a story of being there rather than owning it. Of the 125 stories
 * referenced 4-5 in dev sets 1-10 and the calibration sets, one told a single action of the speaker's own
 * and one told two, the rest three or more; of the 161 referenced 1-2, 32 told exactly one.
 */
const ONE_ACTION_CAP = 3;

/** The most any criterion of a story can score for how few of its actions are the candidate's own; null when no cap. */
export function ownActionCap(star: StarAnalysis | null): number | null {
  if (!star) return null;
  if (star.iActions === 0) return SPECTATOR_CAP;
  if (star.iActions === 1) return ONE_ACTION_CAP;
  return null;
}
/** Fewer words than this say nothing gradable. */
const MIN_WORDS = 12;

export function scoreCriterion(
  criterion: CompiledCriterion,
  keyPoints: KeyPointResult[],
  allMisconceptions: StatedMisconception[],
  features: SentenceFeatures[],
  shape: AnswerShape,
  star: StarAnalysis | null,
): CriterionScore {
  const own = keyPoints.filter((kp) => kp.keyPoint.criterionId === criterion.criterion.id);
  const credits = own.map((kp) => kp.credit);
  // Most of a concept or design criterion's points make it in full: the rubric lists more than a strong
  // answer can say in the time, and an interviewer does not mark down the one it left for a follow-up.
  // A story's points are scored with its signals (STAR, ownership, a number) and all count.
  const counted = Math.max(1, Math.ceil(credits.length * (star ? 1 : COVERED_SHARE)));
  const best = [...credits].sort((a, b) => b - a).slice(0, counted);
  const coverage = credits.length === 0 ? 0 : best.reduce((a, b) => a + b, 0) / counted;

  let signal: number | null = null;
  if (star && criterion.signals.length > 0) {
    signal =
      criterion.signals.reduce((sum, s) => sum + star.signals[s], 0) / criterion.signals.length;
  }
  const content = signal === null ? coverage : 0.45 * coverage + 0.55 * signal;

  // Depth: the best evidence sentence is concrete (numbers, named tools) or weighs a trade-off.
  const evidenceSentences = own
    .filter((kp) => kp.coverage === "explained" && kp.sentence !== null)
    .map((kp) => kp.sentence as number);
  const deep = evidenceSentences.some((s) => {
    const f = features[s];
    return f !== undefined && (f.metrics > 0 || f.namedTools > 0 || f.tradeOff || f.concrete);
  });

  let score =
    SCORE_MIN + (SCORE_MAX - SCORE_MIN) * Math.pow(content, 0.85) + (deep ? DEPTH_BONUS : 0);
  // An on-topic answer in real sentences is worth more than nothing even when it hits no rubric point.
  score += ENGAGEMENT_BONUS * shape.engagement * (1 - content);

  const mine = allMisconceptions.filter(
    (m) => m.misconception.criterionId === criterion.criterion.id,
  );
  const others = allMisconceptions.length - mine.length;
  score -= MISCONCEPTION_PENALTY * mine.length + OTHER_CRITERION_PENALTY * others;

  // Off-topic padding: the share of the answer that is not about the question.
  if (shape.relevance < 0.65) score -= (0.65 - shape.relevance) * 3;
  // Terms listed instead of explained.
  if (shape.listShare > 0.3) score -= (shape.listShare - 0.3) * 2;

  // Length: a tight answer can earn anything; one too short to explain anything cannot, and
  // one far longer than the time allows loses a little for burying its points.
  if (shape.words < MIN_WORDS) score = SCORE_MIN;
  else if (shape.words < 30) score = Math.min(score, 2);
  else if (shape.words < 45) score = Math.min(score, 3);
  if (shape.words > shape.targetWords * 2.5) score -= 0.5;
  // A salad's terms are not knowledge: an interviewer hearing one scores it 1-2 whatever it names.
  if (shape.salad) score = Math.min(score, SALAD_CAP);
  const ownCap = ownActionCap(star);
  if (ownCap !== null) score = Math.min(score, ownCap);

  const raw = Math.max(SCORE_MIN, Math.min(SCORE_MAX, score));
  const top = [...own].sort((a, b) => b.credit - a.credit)[0];
  let evidence = top && top.credit > 0 ? top.sentence : null;
  if (evidence === null && star && signal !== null && signal > 0) {
    const fromSignal = criterion.signals.map((s) => star.sentences[s]).find((s) => s !== undefined);
    evidence = fromSignal ?? null;
  }
  return {
    criterion,
    score: Math.round(raw),
    raw,
    keyPoints: own,
    misconceptions: mine,
    evidence,
    signal,
  };
}
