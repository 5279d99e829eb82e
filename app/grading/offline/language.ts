import type { AnalysedText } from "./text-analysis";

/**
 * Whether the answer is in English: the script of its letters, function
 * words of the common European languages outnumbering English ones, or
 * almost no words the English model knows. Technical English stays English
 * (names are unknown, but function words carry it); so does a keyword list
 * (few function words, but no foreign ones and mostly known words), and a
 * typo counts as known when it is one edit from a known word.
 */

/** Frequent function words of Spanish, French, German, Italian, Portuguese and Dutch that English does not use. */
const FOREIGN_FUNCTION_WORDS = new Set([
  "el", "la", "los", "las", "es", "un", "una", "que", "por", "para", "con", "del", "y", "pero", "muy", "también", "está", "son", "se", "lo",
  "le", "les", "des", "est", "et", "une", "du", "pour", "qui", "dans", "avec", "sont", "pas", "ne", "sur", "au", "aux", "ce", "cette",
  "der", "die", "das", "und", "ist", "nicht", "mit", "ein", "eine", "den", "dem", "zu", "auf", "für", "auch", "sich", "werden", "wird", "oder",
  "il", "che", "di", "sono", "della", "delle", "gli", "nel", "anche", "perché", "è",
  "não", "uma", "são", "mais", "como", "isso", "dos", "das", "ao",
  "het", "een", "niet", "zijn", "voor", "ook", "wordt", "dat",
]);

export function looksNonEnglish(analysed: AnalysedText, isKnown: (word: string) => boolean = () => false): boolean {
  let words = 0;
  let englishStops = 0;
  let foreign = 0;
  let known = 0;
  for (const sentence of analysed.sentences) {
    for (const token of sentence.tokens) {
      if (token.kind !== "word") continue;
      words++;
      const foreignWord = FOREIGN_FUNCTION_WORDS.has(token.norm);
      if (foreignWord) foreign++;
      else if (token.stop) englishStops++;
      if (!token.oov || isKnown(token.norm)) known++;
    }
  }
  if (nonLatinShare(analysed.text) > 0.3) return true;
  if (words < 4) return false;
  return (foreign >= 2 && foreign > englishStops) || known / words < 0.35;
}

const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;

/** Share of letters outside the Latin script (ASCII letters take a fast path). */
function nonLatinShare(text: string): number {
  let letters = 0;
  let nonLatin = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) {
      letters++;
    } else if (code > 127 && LETTER.test(ch)) {
      letters++;
      if (!LATIN.test(ch)) nonLatin++;
    }
  }
  return letters === 0 ? 0 : nonLatin / letters;
}
