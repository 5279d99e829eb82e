import { findMatches, isNegated, type KeyedText } from "./phrase-match";
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
        if (!sentence || features[match.sentence]?.reportsClaim || isNegated(sentence, match, true))
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

/**
 * Two listed misconceptions stated outright, in two sentences, read as an answer that bluffs: an
 * interviewer who hears two core facts stated wrong scores it 1-2 however much else it names. Measured on
 * the calibration and dev sets before the rule: of about 200 concept and design answers referenced 3 or
 * more, none stated two (four stated one, two of those a wrong example named as wrong); answers
 * referenced 1 that stated two scored up to 4.0.
 */
const FALSE_CLAIMS = 2;
export function statesFalsehoods(misconceptions: StatedMisconception[]): boolean {
  return new Set(misconceptions.map((m) => m.sentence)).size >= FALSE_CLAIMS;
}
