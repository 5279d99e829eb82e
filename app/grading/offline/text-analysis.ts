import { createRequire } from "node:module";
import winkNLP, { type ItemSentence, type PartOfSpeech } from "wink-nlp";
import model from "wink-eng-lite-web-model";

/**
 * Sentences and tokens of an answer, from wink-nlp's English model: sentence
 * boundaries, parts of speech and negation scope. The model loads once per
 * process (about 60 ms); reading a 300-word answer then takes well under a
 * millisecond.
 */

const nlp = winkNLP(model, ["sbd", "negation", "pos"]);
const its = nlp.its;

let english: Set<string> | undefined;

/**
 * The lower-case words of the model's English lexicon, for typo correction.
 * Read from the model package's own data file (already loaded by the model).
 */
export function englishWords(): Set<string> {
  if (!english) {
    const require = createRequire(import.meta.url);
    const data = require("wink-eng-lite-web-model/dist/languages/cur/models/eng-core-web-model.json") as {
      features: { lexeme: { list: string[] } };
    };
    english = new Set(data.features.lexeme.list.filter((w) => /^[a-z]{2,}$/.test(w)));
  }
  return english;
}

/** Longest answer analysed, in characters: the rest is ignored rather than slowing the grader down. */
export const MAX_ANALYSED_CHARS = 20_000;

export type TokenKind = "word" | "number" | "punctuation" | "symbol" | "other";

export interface Token {
  /** As typed. */
  text: string;
  /** Offset in the analysed text. */
  start: number;
  /**
   * wink's normal form: lower case, contractions expanded ("can't" -> can not,
   * "I'd" -> i would), British spellings made American ("sanitise" ->
   * sanitize), "through" -> thru. Rubric phrasings are read the same way (see
   * read-text.ts), so the two always agree.
   */
  norm: string;
  pos: PartOfSpeech;
  /** Inside the scope of a negation ("not", "never", "n't"). */
  negated: boolean;
  kind: TokenKind;
  stop: boolean;
  /** True when the word is not in the model's English lexicon (names, typos, other languages). */
  oov: boolean;
}

export interface Sentence {
  index: number;
  /** Verbatim slice of the answer. */
  text: string;
  start: number;
  end: number;
  tokens: Token[];
  /** Number of word and number tokens. */
  words: number;
}

export interface AnalysedText {
  text: string;
  sentences: Sentence[];
  words: number;
}

const TAG = /<\/?[a-z!][^<>]{0,200}>/gi;

/**
 * Splits and tags `answer`. HTML and script tags are blanked for analysis (same
 * length, so offsets still point into the original text) and never executed or
 * interpreted.
 */
export interface OriginalText {
  text: string;
  /** Maps an offset in the analysed text to the original, when the analysed text is a corrected copy. */
  toOriginal: (offset: number) => number;
}

export function analyseText(answer: string, original?: OriginalText): AnalysedText {
  const text = answer.length > MAX_ANALYSED_CHARS ? answer.slice(0, MAX_ANALYSED_CHARS) : answer;
  const quote = (start: number, end: number) =>
    original ? original.text.slice(original.toOriginal(start), original.toOriginal(end)).trim() : text.slice(start, end).trim();
  const cleaned = text.replace(TAG, (tag) => " ".repeat(tag.length));
  const doc = nlp.readDoc(cleaned);
  const tokens = doc.tokens();
  const values = tokens.out() as string[];
  const norms = tokens.out(its.normal) as string[];
  const pos = tokens.out(its.pos) as PartOfSpeech[];
  const negation = tokens.out(its.negationFlag) as boolean[];
  const types = tokens.out(its.type) as string[];
  const stops = tokens.out(its.stopWordFlag) as boolean[];

  // Character offsets of each token in the original text, so evidence is quoted verbatim.
  const starts: number[] = new Array(values.length);
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? "";
    const found = cleaned.indexOf(value, cursor);
    starts[i] = found >= 0 ? found : cursor;
    if (found >= 0) cursor = found + value.length;
  }

  const sentences: Sentence[] = [];
  let current: Token[] = [];
  let currentStart = -1;
  let currentEnd = 0;
  const flush = () => {
    if (current.length > 0) {
      const words = current.reduce((n, t) => n + (t.kind === "word" || t.kind === "number" ? 1 : 0), 0);
      if (words > 0) {
        sentences.push({
          index: sentences.length,
          text: quote(currentStart, currentEnd),
          start: currentStart,
          end: currentEnd,
          tokens: current,
          words,
        });
      }
    }
    current = [];
    currentStart = -1;
  };

  // wink's sentence spans, split further at line breaks: bullet lists are one point per line.
  const boundaries = new Set<number>();
  doc.sentences().each((sentence: ItemSentence) => {
    const st = sentence.tokens();
    if (st.length() > 0) boundaries.add(st.itemAt(st.length() - 1).index());
  });

  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? "";
    const type = types[i] ?? "word";
    if (type === "tabCRLF" || (pos[i] === "SPACE" && value.includes("\n"))) {
      flush();
      continue;
    }
    if (pos[i] !== "SPACE") {
      const start = starts[i] ?? 0;
      if (currentStart < 0) currentStart = start;
      currentEnd = start + value.length;
      current.push({
        text: value,
        start,
        norm: norms[i] ?? value.toLowerCase(),
        pos: pos[i] ?? "X",
        negated: negation[i] ?? false,
        kind: kindOf(type, value),
        stop: stops[i] ?? false,
        oov: type === "word" ? doc.isOOV(norms[i] ?? value) : false,
      });
    }
    // wink ends a sentence at the dot of "process.nextTick" or "JSON.parse" and at the "?" of "/orders?page=2";
    // a dot or question mark glued to the next word does not end one.
    const glued = (value === "." || value === "?") && starts[i + 1] === (starts[i] ?? 0) + 1 && /^\p{L}/u.test(values[i + 1] ?? "");
    if ((boundaries.has(i) && !glued) || endsAbbreviatedSentence(value, values[i + 1])) flush();
  }
  flush();

  return { text, sentences, words: sentences.reduce((n, s) => n + s.words, 0) };
}

/** Abbreviations that really do run on into a capitalised word ("Dr. Smith", "e.g. The Book"). */
const RUN_ON_ABBREVIATIONS = new Set(["mr.", "mrs.", "dr.", "st.", "e.g.", "i.e.", "vs.", "cf.", "no.", "fig.", "approx."]);

/**
 * wink keeps "450 ms. The next step" in one sentence because "ms." reads as an
 * abbreviation; a unit or word ending in a period followed by a capitalised
 * word ends the sentence.
 */
function endsAbbreviatedSentence(value: string, next: string | undefined): boolean {
  if (!next || value.length < 2 || !value.endsWith(".") || !/^[A-Z][a-z]/.test(next)) return false;
  return !RUN_ON_ABBREVIATIONS.has(value.toLowerCase());
}

function kindOf(type: string, value: string): TokenKind {
  switch (type) {
    case "word":
    case "hashtag":
    case "mention":
    case "url":
    case "email":
      return /[a-z]/i.test(value) ? "word" : "other";
    case "number":
    case "ordinal":
    case "time":
      return "number";
    case "punctuation":
      return "punctuation";
    case "symbol":
    case "currency":
      return "symbol";
    default:
      return /\d/.test(value) ? "number" : /[a-z]/i.test(value) ? "word" : "other";
  }
}
