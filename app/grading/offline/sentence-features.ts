import { stem } from "./fuzzy";
import {
  EXPLANATION_MARKERS,
  IRREGULAR_PAST,
  OPINION_PHRASES,
  OPINION_VERBS,
  REPORTING_FRAMES,
  WITNESS_VERBS,
  TRADE_OFF_MARKERS,
  UNIT_WORDS,
} from "./lexicon";
import type { KeyedSentence } from "./phrase-match";
import { graderPhrases } from "./read-text";

/**
 * What an interviewer notices in one sentence: is it a real clause or a list
 * of terms, does it explain (a reason, consequence, contrast or example), is
 * it concrete (numbers, named tools), is it a first-person action.
 */

export interface SentenceFeatures {
  /** A clause with a verb, as opposed to a fragment. */
  hasVerb: boolean;
  /** Many comma-separated items and few verbs: terms named, nothing said about them. */
  listLike: boolean;
  items: number;
  /** Reason, consequence, condition or contrast markers. */
  explanationMarkers: number;
  /** A concrete example: a number, a path, a code-like token or a quoted value. */
  concrete: boolean;
  /** Numbers that measure something (40%, 12 minutes, 3x, 220 ms). */
  metrics: number;
  /** Named tools and products (PgBouncer, Redis, Kafka). */
  namedTools: number;
  tradeOff: boolean;
  reportsClaim: boolean;
  /** "I" followed by a verb of doing (not of watching, learning or feeling) in the past tense. */
  iActions: number;
  /** "we" followed by a verb. */
  weActions: number;
  firstPerson: boolean;
  pastTense: boolean;
  /** "I think", "in my opinion": a view, not a fact about the story. */
  opinion: boolean;
  /** "I would", "I could", "if I had to": not something that happened. */
  hypothetical: boolean;
  /** "If I had to sum up", "whenever I": a condition, not an event. */
  conditional: boolean;
}

const explanation = graderPhrases(EXPLANATION_MARKERS);
const tradeOffs = graderPhrases(TRADE_OFF_MARKERS);
const reporting = graderPhrases(REPORTING_FRAMES);
const opinions = graderPhrases(OPINION_PHRASES);
// Word checks go through the sentence's corrected keys, so a typo reads the same as the word.
const keySet = (words: Iterable<string>) => new Set([...words].map((w) => stem(w.toLowerCase())));
const PAST_KEYS = keySet(IRREGULAR_PAST);
const OPINION_KEYS = keySet(OPINION_VERBS);
const WITNESS_KEYS = keySet(WITNESS_VERBS);
const UNIT_KEYS = keySet(UNIT_WORDS);
const CODE_LIKE = /^[a-z]+[A-Z][A-Za-z]*$|_|\(\)|^\/|^[a-z]+\.[a-z]+$/;
const YEAR = /^(19|20)\d\d$/;
const NUMBER_WORDS = new Set([
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "fifteen",
  "twenty",
  "thirty",
  "forty",
  "fifty",
  "sixty",
  "hundred",
  "hundreds",
  "thousand",
  "thousands",
  "million",
  "half",
  "dozen",
]);
const MODALS = new Set([
  "would",
  "'d",
  "could",
  "should",
  "might",
  "may",
  "will",
  "'ll",
  "can",
  "must",
]);

function isVerb(sentence: KeyedSentence, t: number): boolean {
  const token = sentence.tokens[t];
  if (!token) return false;
  // Upper-case HTTP verbs (GET, PUT) are tagged VERB but name a method, not an action.
  if (token.pos !== "VERB" && token.pos !== "AUX") return false;
  return token.text !== token.text.toUpperCase() || token.text.length === 1;
}

export function sentenceFeatures(sentence: KeyedSentence): SentenceFeatures {
  const tokens = sentence.tokens;
  const keys = sentence.tokenKeys;
  let verbs = 0;
  let segments = 0;
  let segmentsWithVerb = 0;
  let segmentHasVerb = false;
  let segmentWords = 0;
  let shortSegments = 0;
  const closeSegment = () => {
    if (segmentWords > 0) {
      segments++;
      if (segmentHasVerb) segmentsWithVerb++;
      if (segmentWords <= 3) shortSegments++;
    }
    segmentWords = 0;
    segmentHasVerb = false;
  };
  let concrete = false;
  let metrics = 0;
  let namedTools = 0;
  let iActions = 0;
  let weActions = 0;
  let firstPerson = false;
  let pastTense = false;
  let opinion = false;
  let hypothetical = false;
  let conditional = false;

  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    if (!token) continue;
    const verb = isVerb(sentence, t);
    if (verb) {
      verbs++;
      segmentHasVerb = true;
      if (token.norm.endsWith("ed") || PAST_KEYS.has(keys[t] ?? "")) pastTense = true;
    }
    if (token.text === "," || token.text === ";" || token.text === ":") closeSegment();
    else if (token.kind === "word" || token.kind === "number") segmentWords++;
    if (token.kind === "number") {
      const next = tokens[t + 1];
      const isUnit = (k: number) =>
        UNIT_KEYS.has(keys[k] ?? "") || UNIT_WORDS.has(tokens[k]?.text ?? "");
      if (!YEAR.test(token.text)) {
        concrete = true;
        const counted =
          next !== undefined &&
          (next.pos === "NOUN" || next.pos === "PROPN") &&
          next.kind === "word";
        if (isUnit(t + 1) || isUnit(t - 1) || counted || /[%x]$|ms$|k$/i.test(token.text))
          metrics++;
      }
    } else if (token.pos === "NUM" && NUMBER_WORDS.has(token.norm)) {
      if (UNIT_KEYS.has(keys[t + 1] ?? "")) metrics++;
    } else if (token.kind === "word") {
      if (CODE_LIKE.test(token.text) && token.text !== "I") concrete = true;
      const slashed = sentence.tokens[t - 1]?.text === "/" || sentence.tokens[t + 1]?.text === "/";
      if (
        t > 0 &&
        !slashed &&
        token.text.length > 1 &&
        (token.pos === "PROPN" || (token.oov && /[A-Z]/.test(token.text))) &&
        token.text !== "I"
      )
        namedTools++;
    }
    if (token.pos === "PRON") {
      const subject = token.norm;
      if (subject === "i" || subject === "we") {
        if (subject === "i") firstPerson = true;
        const ifClause = tokens
          .slice(Math.max(0, t - 3), t)
          .some((p) => p.norm === "if" || p.norm === "whenever");
        if (ifClause) {
          conditional = true;
          hypothetical = true;
        }
        for (let k = t + 1; k <= t + 3 && k < tokens.length && !ifClause; k++) {
          const next = tokens[k];
          if (!next) break;
          // Hypotheticals ("I would", "I'd", "I can") are not things the candidate did.
          if (MODALS.has(next.norm) || (next.text === "'d" && next.pos === "AUX")) {
            hypothetical = true;
            break;
          }
          if (OPINION_KEYS.has(keys[k] ?? "") && subject === "i" && next.pos !== "AUX") {
            opinion = true;
            break;
          }
          // An action in a story is told in the past: "I rolled back", not "I run the book club".
          if (isVerb(sentence, k) && next.pos === "VERB") {
            const past = next.norm.endsWith("ed") || PAST_KEYS.has(keys[k] ?? "");
            // "I followed the channel", "I learned a lot", "we took away": watching, not acting.
            const particle = tokens[k + 1]?.norm;
            const witnessed =
              (WITNESS_KEYS.has(keys[k] ?? "") && particle !== "up") ||
              (next.norm === "took" && particle === "away");
            if (past && !witnessed && subject === "i") iActions++;
            else if (past && !witnessed) weActions++;
            break;
          }
        }
      }
      if (subject === "my" || subject === "me") firstPerson = true;
    }
    if (token.text === '"' || token.text === "“") concrete = true;
  }
  closeSegment();
  const items = segments;
  // A list: four or more comma-separated items, mostly one to three words long, mostly without a verb.
  const listLike = items >= 4 && shortSegments / items >= 0.6 && segmentsWithVerb / items < 0.5;
  if (opinions.has(sentence)) opinion = true;

  return {
    hasVerb: verbs > 0,
    listLike,
    items,
    explanationMarkers: explanation.count(sentence),
    concrete,
    metrics,
    namedTools,
    tradeOff: tradeOffs.has(sentence),
    reportsClaim: reporting.has(sentence),
    iActions,
    weActions,
    firstPerson,
    pastTense,
    opinion,
    hypothetical,
    conditional,
  };
}
