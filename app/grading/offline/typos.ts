import type { FuzzyLexicon } from "./fuzzy";
import { FUZZY_MIN_LENGTH, stem } from "./fuzzy";
import { englishWords, type AnalysedText } from "./text-analysis";

/**
 * Spelling slips in words the grader listens for ("idempotnet", "mesaure")
 * are corrected before the answer is tagged, so a typo changes neither which
 * rubric point matches nor the part of speech that decides whether a sentence
 * is an action or a list. Only words unknown to the English model are
 * touched: first against the question's own vocabulary, then (lower-case
 * words only, so names are left alone) against the model's English lexicon.
 */

export interface Correction {
  start: number;
  end: number;
  replacement: string;
}

export interface CorrectedText {
  text: string;
  /** Maps an offset in the corrected text back to the original text. */
  toOriginal: (offset: number) => number;
}

export function findTypos(analysed: AnalysedText, lexicon: FuzzyLexicon): Correction[] {
  const corrections: Correction[] = [];
  for (const sentence of analysed.sentences) {
    for (const token of sentence.tokens) {
      if (!token.oov || token.kind !== "word" || token.text.length < FUZZY_MIN_LENGTH || !/^\p{L}+$/u.test(token.text)) continue;
      const word = token.text.toLowerCase();
      if (lexicon.has(word)) continue;
      const fixed = lexicon.correct(word) ?? (token.text === word ? englishCorrection(word) : undefined);
      // An inflection the model does not know ("cached", "shorteners") is not a typo.
      if (fixed === undefined || fixed === word || stem(fixed) === stem(word)) continue;
      const replacement = token.text[0] === token.text[0]?.toUpperCase() ? fixed[0]?.toUpperCase() + fixed.slice(1) : fixed;
      corrections.push({ start: token.start, end: token.start + token.text.length, replacement });
    }
  }
  return corrections;
}

export function applyCorrections(text: string, corrections: Correction[]): CorrectedText {
  const sorted = [...corrections].sort((a, b) => a.start - b.start);
  let out = "";
  let cursor = 0;
  // [offset in corrected text, shift to add to reach the original]
  const shifts: Array<[number, number]> = [];
  for (const c of sorted) {
    if (c.start < cursor) continue;
    out += text.slice(cursor, c.start);
    const correctedStart = out.length;
    out += c.replacement;
    shifts.push([correctedStart + c.replacement.length, c.end - (correctedStart + c.replacement.length)]);
    cursor = c.end;
  }
  out += text.slice(cursor);
  return {
    text: out,
    toOriginal: (offset) => {
      let shift = 0;
      for (const [at, delta] of shifts) {
        if (offset >= at) shift = delta;
        else break;
      }
      return offset + shift;
    },
  };
}

/**
 * The English word made by swapping two adjacent letters back, the commonest
 * slip. Other edits are only corrected against the question's vocabulary:
 * against a full dictionary they turn jargon into words ("sharding" into
 * "shading", "backend" into "backbend"). The first letter is never touched.
 */
export function englishCorrection(word: string): string | undefined {
  const english = englishWords();
  for (let i = 1; i < word.length - 1; i++) {
    const candidate = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    if (english.has(candidate)) return candidate;
  }
  return undefined;
}
