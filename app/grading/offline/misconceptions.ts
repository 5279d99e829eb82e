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
        if (!sentence || features[match.sentence]?.reportsClaim || isNegated(sentence, match, true)) continue;
        hit = match.sentence;
        break;
      }
      if (hit !== null) break;
    }
    if (hit !== null) stated.push({ misconception, sentence: hit });
  }
  return stated;
}
