import type { KeyedText } from "./phrase-match";
import type { CompiledRubric } from "./rubric-index";
import type { SentenceFeatures } from "./sentence-features";

/**
 * How much of the answer is about the question, and whether its length fits
 * the time allowed.
 */

/** Words per sentence for which one topical word is expected. */
const WORDS_PER_TOPIC_WORD = 12;

export interface Relevance {
  /** Word-weighted share of the answer that is on topic, 0-1. */
  share: number;
  /** Per sentence, 0-1. */
  perSentence: number[];
}

export function assessRelevance(
  rubric: CompiledRubric,
  keyed: KeyedText,
  features: SentenceFeatures[],
  vocabulary: Set<string> = rubric.vocabulary,
): Relevance {
  let weighted = 0;
  let total = 0;
  const perSentence = keyed.sentences.map((sentence, s) => {
    const f = features[s];
    const seen = new Set<string>();
    for (const unit of sentence.units) if (vocabulary.has(unit.key)) seen.add(unit.key);
    let score = Math.min(1, seen.size / Math.max(1, sentence.words / WORDS_PER_TOPIC_WORD));
    if (rubric.behavioural && f) {
      // In a story, first-person past-tense narrative is on topic even without rubric words;
      // present-tense generalities ("disagreement is healthy") are not the story.
      if ((f.iActions > 0 || f.weActions > 0 || f.firstPerson) && f.pastTense && !f.opinion) score = Math.max(score, 0.8);
      else if (!f.pastTense) score *= 0.6;
    }
    if (f?.opinion) score *= 0.5;
    weighted += score * sentence.words;
    total += sentence.words;
    return score;
  });
  return { share: total === 0 ? 0 : weighted / total, perSentence };
}

/**
 * Words a complete answer needs: about 45 typed words a minute of the time
 * allowed, but no more than about 70 per criterion graded, since a long clock
 * is thinking time, not a word quota.
 */
export function targetWords(secondsAllowed: number, criteria: number): number {
  const minutes = Math.max(1, secondsAllowed / 60);
  const byTime = Math.min(450, Math.max(60, Math.round(minutes * 45)));
  return Math.max(60, Math.min(byTime, 70 * Math.max(1, criteria)));
}
