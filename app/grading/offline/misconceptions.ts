import { findMatches, isNegated, type KeyedSentence, type KeyedText, type Match } from "./phrase-match";
import type { CompiledMisconception, CompiledRubric } from "./rubric-index";
import type { SentenceFeatures } from "./sentence-features";

/**
 * Wrong claims from the rubric that the answer states. A claim inside a
 * negation ("POST is not idempotent") or reported as wrong ("a common myth is
 * that REST requires JSON") is not stated.
 */

export interface StatedMisconception {
  misconception: CompiledMisconception;
  sentence: number;
}

export function findMisconceptions(
  rubric: CompiledRubric,
  keyed: KeyedText,
  features: SentenceFeatures[],
): StatedMisconception[] {
  const stated: StatedMisconception[] = [];
  for (const misconception of rubric.misconceptions) {
    let hit: number | null = null;
    for (const matcher of misconception.matchers) {
      for (const match of findMatches(keyed, matcher)) {
        const sentence = keyed.sentences[match.sentence];
        if (
          !sentence ||
          features[match.sentence]?.reportsClaim ||
          isNegated(sentence, match, true) ||
          supposes(sentence, match)
        )
          continue;
        hit = match.sentence;
        break;
      }
      if (hit !== null) break;
    }
    if (hit !== null) stated.push({ misconception, sentence: hit });
  }
  return stated;
}

const SUPPOSING = new Set(["if", "unless", "suppose", "supposing"]);

/**
 * "If you ignore the return value, memory grows" and "If you store tokens in localStorage, XSS can read
 * them": the if-clause supposes what the rest of the sentence warns about; it claims nothing.
 */
function supposes(sentence: KeyedSentence, match: Match): boolean {
  const first = sentence.tokens.findIndex((t) => t.kind === "word");
  if (!SUPPOSING.has(sentence.tokens[first]?.norm ?? "")) return false;
  const comma = sentence.tokens.findIndex((t, i) => i > first && t.text === ",");
  return comma > match.last;
}

/**
 * Sentences that say a listed misconception in words of their own ("ordering is guaranteed by the
 * client's clock timestamp" for "messages can be ordered by the timestamp the sender's device puts on
 * them"): near the claim by meaning (semantic.ts `claimOverlaps`), nearer it than any key point, and
 * holding no negation or contrast, since word vectors cannot tell a claim from its denial. Alone such
 * a sentence is not sure enough to tell the user they were wrong; it counts towards `statesFalsehoods`.
 * Measured on the calibration and dev sets 1-6 (concept and design, 259 answers referenced 3 or more):
 * at 0.65 no good answer had two such or stated sentences, where 22 had one.
 */
const NEAR_CLAIM = 0.65;
const DISTANCING = new Set([
  "rather",
  "instead",
  "unlike",
  "myth",
  "misconception",
  "wrong",
  "mistake",
  "avoid",
  "avoids",
]);

export function findNearClaims(
  rubric: CompiledRubric,
  keyed: KeyedText,
  features: SentenceFeatures[],
  /** claimOverlaps(rubric, keyed): [sentence][misconception]. */
  claimOverlap: number[][],
  /** overlaps(rubric, keyed): [sentence][keyPoint]. */
  meaning: number[][],
  stated: StatedMisconception[],
): StatedMisconception[] {
  const taken = new Set(stated.map((m) => m.sentence));
  const near: StatedMisconception[] = [];
  keyed.sentences.forEach((sentence, s) => {
    if (taken.has(s) || features[s]?.reportsClaim) return;
    if (sentence.tokens.some((t) => DISTANCING.has(t.norm))) return;
    const row = claimOverlap[s] ?? [];
    let best = -1;
    row.forEach((v, m) => {
      if (v >= NEAR_CLAIM && (best < 0 || v > (row[best] ?? 0))) best = m;
    });
    const misconception = rubric.misconceptions[best];
    if (!misconception || (row[best] ?? 0) < Math.max(0, ...(meaning[s] ?? []))) return;
    // A denial reads like the claim it denies, unless the claim is itself a denial ("order does not affect caching").
    const denies = sentence.tokens.some((t) => t.negated || NEGATING.has(t.norm));
    if (denies && !NEGATED_CLAIM.test(misconception.claim)) return;
    near.push({ misconception, sentence: s });
  });
  return near;
}
const NEGATING = new Set(["not", "no", "never", "n't", "without", "cannot", "nor"]);
const NEGATED_CLAIM = /\b(not|no|never|without|cannot|nor)\b|n't\b/i;

/**
 * Two misconceptions stated, in two sentences, read as an answer that bluffs: an interviewer who hears
 * two core facts stated wrong scores it 1-2 however much else it names. Measured on the calibration and
 * dev sets before the rule: of about 200 concept and design answers referenced 3 or more, none stated
 * two listed phrasings (four stated one, two of those a wrong example named as wrong); answers
 * referenced 1 that stated two scored up to 4.0.
 */
const FALSE_CLAIMS = 2;
export function statesFalsehoods(misconceptions: StatedMisconception[]): boolean {
  return new Set(misconceptions.map((m) => m.sentence)).size >= FALSE_CLAIMS;
}
