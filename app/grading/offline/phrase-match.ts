import { FuzzyLexicon, stem } from "./fuzzy";
import type { AnalysedText, Sentence } from "./text-analysis";

/**
 * Turns words into match keys (wink's normal form, typo-corrected against a
 * vocabulary, stemmed) and finds rubric phrasings in an answer. Articles and
 * the possessive 's are dropped on both sides and one extra word may sit
 * between two words of a phrasing, so "identified by the URI" matches
 * "identified by a uri" and "REST really requires JSON" matches "rest
 * requires json".
 */

const ARTICLES = new Set(["a", "an", "the"]);
// One key for every form of "to be": a claim is the same in the singular and the plural, the present
// and the past ("POST is idempotent", "GET and POST are both idempotent").
const BE_FORMS = new Set(["is", "are", "was", "were", "be", "been", "being", "am"]);
const PIECE_SPLIT = /[^\p{L}\p{N}]+/u;
const LITERAL = /[^\p{L}\p{N}\s'’-]/u;

export interface PhraseMatcher {
  /** The phrasing as written in the rubric. */
  source: string;
  /** Match keys, in order; empty for literal matchers. */
  keys: string[];
  /** Lower-case text matched as a substring, for phrasings such as "/v1" or "n+1". */
  literal: string | null;
}

export interface Unit {
  key: string;
  /** Index of the token in its sentence. */
  token: number;
}

export interface KeyedSentence extends Sentence {
  units: Unit[];
  /** The (typo-corrected, stemmed) key of each token's first word piece; "" for punctuation. */
  tokenKeys: string[];
  lower: string;
}

export interface KeyedText {
  sentences: KeyedSentence[];
  /** key -> [sentence, unit] positions. */
  positions: Map<string, Array<[number, number]>>;
}

export interface Match {
  sentence: number;
  /** First and last token of the match in the sentence. */
  first: number;
  last: number;
  matcher: PhraseMatcher;
}

export function piecesOf(text: string): string[] {
  return text.split(PIECE_SPLIT).filter((p) => p.length > 0);
}

/** The key of one word piece, correcting a likely typo when the word is unknown to English. */
export function keyOf(piece: string, lexicon: FuzzyLexicon, unknownWord: boolean): string {
  if (/^\d/.test(piece)) return piece;
  if (BE_FORMS.has(piece)) return "be";
  if (!unknownWord || lexicon.has(piece)) return stem(piece);
  const corrected = lexicon.correct(piece);
  if (corrected !== undefined) return stem(corrected);
  const key = stem(piece);
  // Stems are short, so a one-edit match between them needs more letters to be trusted.
  return key.length >= 6 ? (lexicon.stems?.correct(key) ?? key) : key;
}

/**
 * A matcher for a phrasing whose match keys were read the way answers are read
 * (`compileMatchers` in read-text.ts); phrasings with punctuation such as
 * "/v1" or "n+1" are matched as text instead.
 */
export function phraseMatcher(phrasing: string, keys: string[]): PhraseMatcher {
  const lower = phrasing.trim().toLowerCase();
  if (LITERAL.test(lower)) return { source: phrasing, keys: [], literal: lower };
  return { source: phrasing, keys, literal: null };
}

export function keyText(analysed: AnalysedText, lexicon: FuzzyLexicon): KeyedText {
  const positions = new Map<string, Array<[number, number]>>();
  const sentences = analysed.sentences.map((sentence, s): KeyedSentence => {
    const units: Unit[] = [];
    const tokenKeys: string[] = new Array<string>(sentence.tokens.length).fill("");
    sentence.tokens.forEach((token, t) => {
      if (token.kind !== "word" && token.kind !== "number") return;
      for (const piece of piecesOf(token.norm)) {
        const key = keyOf(piece, lexicon, token.oov && piece.length >= 4);
        if (tokenKeys[t] === "") tokenKeys[t] = key;
        // Articles and the possessive 's ("the client's fault", "the clients' fault") are not matched.
        if (ARTICLES.has(piece) || token.norm === "'s") continue;
        const list = positions.get(key);
        if (list) list.push([s, units.length]);
        else positions.set(key, [[s, units.length]]);
        units.push({ key, token: t });
      }
    });
    return { ...sentence, units, tokenKeys, lower: sentence.text.toLowerCase() };
  });
  return { sentences, positions };
}

/**
 * A word a phrasing may step over: an adverb or a noun ("REST really requires
 * JSON", "REST APIs must use JSON"), never a verb, which changes the claim
 * ("the index contains every column" is not "index every column").
 */
function skippable(sentence: KeyedSentence, unit: Unit | undefined): boolean {
  const token = unit ? sentence.tokens[unit.token] : undefined;
  if (!token) return false;
  return token.pos !== "VERB" && token.pos !== "AUX" && !NEGATORS.has(token.norm);
}

/** Every place `matcher` occurs in the answer. */
export function findMatches(keyed: KeyedText, matcher: PhraseMatcher): Match[] {
  const matches: Match[] = [];
  if (matcher.literal !== null) {
    const literal = matcher.literal;
    keyed.sentences.forEach((sentence, s) => {
      let at = sentence.lower.indexOf(literal);
      while (at >= 0) {
        const before = sentence.lower[at - 1];
        const boundary = !/[\p{L}\p{N}]/u.test(literal[0] ?? "") || before === undefined || !/[\p{L}\p{N}]/u.test(before);
        if (boundary) {
          const offset = sentence.start + at;
          let first = sentence.tokens.findIndex((t) => t.start + t.text.length > offset);
          if (first < 0) first = 0;
          let last = first;
          while (last + 1 < sentence.tokens.length && (sentence.tokens[last + 1]?.start ?? 0) < offset + literal.length) last++;
          matches.push({ sentence: s, first, last, matcher });
          return;
        }
        at = sentence.lower.indexOf(literal, at + 1);
      }
    });
    return matches;
  }
  const [head, ...rest] = matcher.keys;
  if (head === undefined) return matches;
  const starts = keyed.positions.get(head);
  if (!starts) return matches;
  for (const [s, u] of starts) {
    const sentence = keyed.sentences[s];
    if (!sentence) continue;
    const units = sentence.units;
    let at = u;
    let ok = true;
    for (const key of rest) {
      if (units[at + 1]?.key === key) at += 1;
      else if (units[at + 2]?.key === key && skippable(sentence, units[at + 1])) at += 2;
      else {
        ok = false;
        break;
      }
    }
    if (ok) matches.push({ sentence: s, first: units[u]?.token ?? 0, last: units[at]?.token ?? 0, matcher });
  }
  return matches;
}

/** True when the sentence contains the phrase (keys in order, one word of slack). */
export function sentenceHas(sentence: KeyedSentence, keys: string[]): boolean {
  const units = sentence.units;
  for (let u = 0; u < units.length; u++) {
    if (units[u]?.key !== keys[0]) continue;
    let at = u;
    let ok = true;
    for (let k = 1; k < keys.length; k++) {
      if (units[at + 1]?.key === keys[k]) at += 1;
      else if (units[at + 2]?.key === keys[k]) at += 2;
      else {
        ok = false;
        break;
      }
    }
    if (ok) return true;
  }
  return false;
}

/**
 * A list of grader phrases (markers, fillers) compiled for fast per-sentence
 * tests, from each phrase's match keys (`graderPhrases` in read-text.ts reads
 * them the way answers are read).
 */
export class PhraseSet {
  private readonly single = new Set<string>();
  private readonly multi = new Map<string, string[][]>();

  constructor(keyLists: readonly string[][]) {
    for (const keys of keyLists) {
      const head = keys[0];
      if (head === undefined) continue;
      if (keys.length === 1) this.single.add(head);
      else {
        const list = this.multi.get(head);
        if (list) list.push(keys);
        else this.multi.set(head, [keys]);
      }
    }
  }

  /** Number of places in the sentence where one of the phrases starts. */
  count(sentence: KeyedSentence, from = 0, to = Number.POSITIVE_INFINITY): number {
    let n = 0;
    const units = sentence.units;
    for (let u = 0; u < units.length; u++) {
      const unit = units[u];
      if (!unit || unit.token < from || unit.token > to) continue;
      if (this.single.has(unit.key)) {
        n++;
        continue;
      }
      const candidates = this.multi.get(unit.key);
      if (!candidates) continue;
      if (candidates.some((keys) => keys.every((key, k) => units[u + k]?.key === key))) n++;
    }
    return n;
  }

  has(sentence: KeyedSentence): boolean {
    return this.count(sentence) > 0;
  }
}

const NEGATORS = new Set(["not", "no", "never", "n't", "neither", "nor", "without", "hardly", "cannot"]);

/**
 * True when a match sits inside a negation the phrasing itself does not carry:
 * "POST is not idempotent" negates "post is idempotent"; "no session state"
 * is the phrasing, not a negation of it.
 */
export function isNegated(sentence: KeyedSentence, match: Match, contrast = false): boolean {
  if (match.matcher.keys.some((k) => NEGATORS.has(k))) return false;
  const from = Math.max(0, match.first - 3);
  for (let i = from; i <= match.last; i++) {
    const token = sentence.tokens[i];
    if (!token) continue;
    if (NEGATORS.has(token.norm) || (contrast && i < match.first && CONTRASTS.has(token.norm))) return true;
    if (i >= match.first && token.negated) return true;
  }
  return false;
}

/** Words that hold a claim at arm's length: "rather than /createOrder", "unlike a VM". */
const CONTRASTS = new Set(["rather", "instead", "unlike", "avoid", "avoids", "avoiding", "versus", "vs", "than"]);
