import { FuzzyLexicon } from "./fuzzy";
import { GRADER_PHRASE_LISTS } from "./lexicon";
import { keyText, phraseMatcher, piecesOf, PhraseSet, type KeyedText, type PhraseMatcher } from "./phrase-match";
import { analyseText, MAX_ANALYSED_CHARS, type AnalysedText } from "./text-analysis";
import { applyCorrections, findTypos } from "./typos";

/**
 * The one way the grader reads text, for answers and for its own phrases
 * alike: wink-nlp's tokens and normal forms ("sanitise" -> sanitize, "cannot"
 * -> can not, "it's" -> it is, "through" -> thru, "2fa" -> 2 fa), typos
 * corrected against the question's vocabulary, then match keys. Rubric
 * phrasings and grader markers are compiled through it rather than through a
 * normaliser of their own, so whatever an answer's words become, the same
 * words in a phrasing become too.
 */

export interface ReadText {
  analysed: AnalysedText;
  keyed: KeyedText;
}

/**
 * Reads analysed text (for an answer, after injected sentences are blanked):
 * corrects typos, re-tags the corrected text, and keys it. `original` is the
 * text as typed, so evidence is quoted verbatim.
 */
export function readAnalysed(analysed: AnalysedText, lexicon: FuzzyLexicon, original: string = analysed.text): ReadText {
  const typos = findTypos(analysed, lexicon);
  if (typos.length > 0) {
    const corrected = applyCorrections(analysed.text, typos);
    analysed = analyseText(corrected.text, { text: original, toOriginal: corrected.toOriginal });
  }
  return { analysed, keyed: keyText(analysed, lexicon) };
}

export function readText(text: string, lexicon: FuzzyLexicon): ReadText {
  return readAnalysed(analyseText(text), lexicon, text);
}

/** Characters read in one pass when keying many phrases: safely under the analyser's limit. */
const BATCH_CHARS = Math.floor(MAX_ANALYSED_CHARS * 0.75);

/**
 * The match keys of each phrase, read exactly as an answer is: the phrases go
 * through `readText` one line each, a batch at a time (one wink pass instead
 * of one per phrase). A line that the reader splits into several sentences
 * (only literal phrasings have the punctuation for that) gets all their keys.
 */
export function phraseKeys(phrases: readonly string[], lexicon: FuzzyLexicon): string[][] {
  const keys: string[][] = phrases.map(() => []);
  let from = 0;
  while (from < phrases.length) {
    let to = from;
    let length = 0;
    const lines: string[] = [];
    while (to < phrases.length && (lines.length === 0 || length + (phrases[to]?.length ?? 0) + 1 <= BATCH_CHARS)) {
      const line = (phrases[to] ?? "").replace(/[\r\n]+/g, " ");
      lines.push(line);
      length += line.length + 1;
      to++;
    }
    const { analysed, keyed } = readText(lines.join("\n"), lexicon);
    // Typo corrections change offsets but never line breaks, so a sentence's line is the number of breaks before it.
    const breaks: number[] = [];
    for (let at = analysed.text.indexOf("\n"); at >= 0; at = analysed.text.indexOf("\n", at + 1)) breaks.push(at);
    let line = 0;
    for (const sentence of keyed.sentences) {
      while (line < breaks.length && (breaks[line] ?? 0) < sentence.start) line++;
      keys[from + line]?.push(...sentence.units.map((u) => u.key));
    }
    from = to;
  }
  return keys;
}

/** Matchers for rubric phrasings, their keys read as an answer would be read with the question's vocabulary. */
export function compileMatchers(phrasings: readonly string[], lexicon: FuzzyLexicon): PhraseMatcher[] {
  const keys = phraseKeys(phrasings, lexicon);
  return phrasings.map((phrasing, i) => phraseMatcher(phrasing, keys[i] ?? []));
}

export function compileMatcher(phrasing: string, lexicon: FuzzyLexicon): PhraseMatcher {
  return phraseMatcher(phrasing, phraseKeys([phrasing], lexicon)[0] ?? []);
}

/** Every word of the grader's own lists: the start of every question's vocabulary. */
export function graderWords(): string[] {
  const words: string[] = [];
  for (const list of GRADER_PHRASE_LISTS) {
    for (const entry of list) for (const piece of piecesOf(entry.toLowerCase())) if (!/^\d/.test(piece)) words.push(piece);
  }
  return words;
}

let graderLexicon: FuzzyLexicon | undefined;

/** A list of grader phrases (markers, fillers), read like answers with the grader's own vocabulary. */
export function graderPhrases(phrases: readonly string[]): PhraseSet {
  graderLexicon ??= new FuzzyLexicon(graderWords());
  return new PhraseSet(phraseKeys(phrases, graderLexicon));
}
