import { findMatches, isNegated, type KeyedText } from "./phrase-match";
import type { CompiledKeyPoint, CompiledRubric } from "./rubric-index";
import type { SentenceFeatures } from "./sentence-features";

/**
 * Which rubric key points the answer covers, and how: a point counts in full
 * only when the sentence that mentions it explains it (a reason, a
 * consequence, a contrast or a concrete example). Naming it in a bare
 * statement earns part of the credit; naming it in a list of terms earns
 * almost none.
 */

export type Coverage = "explained" | "stated" | "named" | "listed" | "missed";

export const COVERAGE_CREDIT: Record<Coverage, number> = {
  explained: 1,
  stated: 0.4,
  named: 0.2,
  listed: 0.1,
  missed: 0,
};

export interface KeyPointResult {
  keyPoint: CompiledKeyPoint;
  coverage: Coverage;
  credit: number;
  /** The sentence that earned the credit. */
  sentence: number | null;
  /** Phrasings found anywhere in the answer. */
  terms: string[];
  /** Every sentence that mentions the point (not to deny it). */
  mentions: number[];
}

/** Key points explained together in one sentence share its credit beyond this many. */
const POINTS_PER_SENTENCE = 3;
const MIN_EXPLAINING_WORDS = 7;
const MIN_STATING_WORDS = 7;

/**
 * Sentences that only drop rubric terms: lists, or short bare statements
 * ("It is cacheable.") with no reason, consequence or example.
 */
export function termDroppingSentences(results: KeyPointResult[], features: SentenceFeatures[], words: (s: number) => number): Set<number> {
  const out = new Set<number>();
  for (const result of results) {
    for (const s of result.mentions) {
      const f = features[s];
      if (!f) continue;
      if (f.listLike || (f.explanationMarkers === 0 && !f.concrete && words(s) < MIN_STATING_WORDS + 1)) out.add(s);
    }
  }
  return out;
}

export function assessKeyPoints(
  rubric: CompiledRubric,
  keyed: KeyedText,
  features: SentenceFeatures[],
  /** Sentences that state a misconception: what they say earns nothing. */
  wrongSentences: Set<number>,
): KeyPointResult[] {
  // In a story, opinions and conditionals ("if I had to sum up") are not things that happened.
  const storyOnly = rubric.behavioural;
  const found = rubric.keyPoints.map((kp) => {
    const sentences = new Set<number>();
    const terms = new Set<string>();
    for (const matcher of kp.matchers) {
      for (const match of findMatches(keyed, matcher)) {
        terms.add(matcher.source);
        // "It doesn't support transactions" names the point only to deny it.
        const sentence = keyed.sentences[match.sentence];
        if (sentence && !isNegated(sentence, match)) sentences.add(match.sentence);
      }
    }
    return { kp, sentences, terms };
  });

  const pointsInSentence = new Map<number, number>();
  for (const { sentences } of found) for (const s of sentences) pointsInSentence.set(s, (pointsInSentence.get(s) ?? 0) + 1);

  return found.map(({ kp, sentences, terms }): KeyPointResult => {
    const mentions = [...sentences].sort((a, b) => a - b);
    let best: KeyPointResult = { keyPoint: kp, coverage: "missed", credit: 0, sentence: null, terms: [...terms], mentions };
    for (const s of mentions) {
      if (wrongSentences.has(s)) continue;
      const f = features[s];
      const sentence = keyed.sentences[s];
      if (!f || !sentence) continue;
      let coverage: Coverage;
      if (f.listLike) coverage = "listed";
      else if (!f.hasVerb) coverage = "named";
      else if (f.explanationMarkers > 0 || f.concrete) coverage = "explained";
      // "It is stateless." names the term in a clause too short to say anything about it.
      else if (sentence.words < (storyOnly ? 5 : MIN_STATING_WORDS)) coverage = "named";
      // In a story, a point is told well when it is a specific first-person event: "I rolled back the deploy".
      else if (storyOnly && sentence.words >= 8 && (f.iActions > 0 || f.metrics > 0)) {
        coverage = "explained";
      } else coverage = "stated";
      if (storyOnly && (f.opinion || f.conditional) && coverage === "explained") coverage = "stated";
      let credit = COVERAGE_CREDIT[coverage];
      if (coverage === "explained") {
        // A story sentence ("I owned it, so I profiled it") naturally serves several points at once.
        const perSentence = storyOnly ? POINTS_PER_SENTENCE + 1 : POINTS_PER_SENTENCE;
        const shared = Math.min(1, perSentence / (pointsInSentence.get(s) ?? 1));
        const short = sentence.words < MIN_EXPLAINING_WORDS ? 0.7 : 1;
        credit = Math.max(COVERAGE_CREDIT.stated, credit * shared * short);
      }
      if (credit > best.credit) best = { ...best, coverage, credit, sentence: s };
    }
    return best;
  });
}
