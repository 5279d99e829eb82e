import type { Criterion, Question } from "~/question-bank/question-schema";
import { FuzzyLexicon, stem } from "./fuzzy";
import { GENERIC_WORDS } from "./lexicon";
import { findMatches, piecesOf, type PhraseMatcher } from "./phrase-match";
import { compileMatchers, graderWords, readText } from "./read-text";
import { analyseText } from "./text-analysis";

/**
 * A question's rubric compiled once for matching: phrasings as match keys
 * (read exactly as answers are read, see read-text.ts),
 * the vocabulary that makes a sentence on-topic, and which generic
 * behavioural signal (if any) each criterion listens for.
 */

export type BehaviouralSignal = "situation" | "task" | "action" | "result" | "lesson";

export interface CompiledKeyPoint {
  criterionId: string;
  id: string;
  /** Short human label, from the id ("status-codes" -> "status codes"). */
  label: string;
  point: string;
  /** What the point means in plain words (the bank's `meaning`), when the bank says. */
  meaning: string | null;
  matchers: PhraseMatcher[];
  /** Content keys of the point and its phrasings, for matching seed probes. */
  topicKeys: Set<string>;
}

export interface CompiledMisconception {
  criterionId: string;
  claim: string;
  correction: string;
  matchers: PhraseMatcher[];
  topicKeys: Set<string>;
}

export interface CompiledCriterion {
  criterion: Criterion;
  keyPoints: CompiledKeyPoint[];
  misconceptions: CompiledMisconception[];
  /** Content keys of the criterion: its name, description, points and phrasings. */
  vocabulary: Set<string>;
  signals: BehaviouralSignal[];
}

export interface CompiledProbe {
  text: string;
  keys: Set<string>;
  /** Key points whose phrasings the probe itself uses: what it digs into. */
  keyPoints: Set<string>;
}

export interface CompiledRubric {
  question: Question;
  behavioural: boolean;
  criteria: CompiledCriterion[];
  keyPoints: CompiledKeyPoint[];
  misconceptions: CompiledMisconception[];
  /** Content keys of the whole question: what an on-topic sentence talks about. */
  vocabulary: Set<string>;
  lexicon: FuzzyLexicon;
  probes: CompiledProbe[];
}

const cache = new WeakMap<Question, CompiledRubric>();

export function compileRubric(question: Question): CompiledRubric {
  const cached = cache.get(question);
  if (cached) return cached;
  const compiled = compile(question);
  cache.set(question, compiled);
  return compiled;
}

// Matched on a criterion's id and name only: descriptions mention actions and problems everywhere.
const SIGNAL_PATTERNS: Array<[BehaviouralSignal, RegExp]> = [
  ["situation", /situation|context|stakes|\bstar\b/],
  ["task", /\btask|responsib|\bstar\b/],
  ["action", /action|ownership|owner|what you did|personal|\bstar\b/],
  ["result", /result|impact|outcome|metric|measurable|quantif|\bstar\b/],
  ["lesson", /lesson|learn|reflect|growth|hindsight/],
];

function signalsOf(criterion: Criterion): BehaviouralSignal[] {
  const text = `${criterion.id.replace(/-/g, " ")} ${criterion.name}`.toLowerCase();
  return SIGNAL_PATTERNS.filter(([, pattern]) => pattern.test(text)).map(([signal]) => signal);
}

/** Content keys of free text: no stop words, no generic words, at least three letters. */
export function contentKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const sentence of analyseText(text).sentences) {
    for (const token of sentence.tokens) {
      if (token.stop || (token.kind !== "word" && token.kind !== "number")) continue;
      for (const piece of piecesOf(token.norm)) {
        if (piece.length < 3 || GENERIC_WORDS.has(piece)) continue;
        keys.add(/^\d/.test(piece) ? piece : stem(piece));
      }
    }
  }
  return keys;
}

function humanise(id: string): string {
  return id.replace(/-/g, " ");
}

function compile(question: Question): CompiledRubric {
  // The question's vocabulary first (its order decides ties in typo correction), so phrasings are read with it.
  const words: string[] = graderWords();
  const addWords = (text: string) => {
    for (const piece of piecesOf(text.toLowerCase())) if (!/^\d/.test(piece)) words.push(piece);
  };
  addWords(question.title);
  addWords(question.prompt);
  for (const criterion of question.rubric) {
    addWords(criterion.name);
    addWords(criterion.description);
    for (const kp of criterion.keyPoints) {
      addWords(kp.point);
      kp.phrasings.forEach(addWords);
    }
    for (const m of criterion.misconceptions) m.phrasings.forEach(addWords);
  }
  const lexicon = new FuzzyLexicon(words);

  // Every phrasing is read the way an answer is, in one pass for the whole question.
  const phrasings = question.rubric.flatMap((c) => [...c.keyPoints.flatMap((kp) => kp.phrasings), ...c.misconceptions.flatMap((m) => m.phrasings)]);
  const compiledMatchers = compileMatchers(phrasings, lexicon);
  let next = 0;
  const matchersOf = (list: readonly string[]) => {
    const out = compiledMatchers.slice(next, next + list.length);
    next += list.length;
    return out;
  };

  const vocabulary = new Set<string>([...contentKeys(question.title), ...contentKeys(question.prompt)]);
  const criteria = question.rubric.map((criterion): CompiledCriterion => {
    const criterionVocabulary = contentKeys(`${criterion.name}. ${criterion.description}`);
    const keyPoints = criterion.keyPoints.map((kp): CompiledKeyPoint => {
      const topicKeys = contentKeys(`${kp.phrasings.join(". ")}. ${kp.point}`);
      topicKeys.forEach((k) => criterionVocabulary.add(k));
      return {
        criterionId: criterion.id,
        id: kp.id,
        label: humanise(kp.id),
        point: kp.point,
        meaning: kp.meaning ?? null,
        matchers: matchersOf(kp.phrasings),
        topicKeys,
      };
    });
    const misconceptions = criterion.misconceptions.map((m): CompiledMisconception => {
      contentKeys(m.phrasings.join(". ")).forEach((k) => criterionVocabulary.add(k));
      return {
        criterionId: criterion.id,
        claim: m.claim,
        correction: m.correction,
        matchers: matchersOf(m.phrasings),
        topicKeys: contentKeys(`${m.claim} ${m.correction}`),
      };
    });
    criterionVocabulary.forEach((k) => vocabulary.add(k));
    return { criterion, keyPoints, misconceptions, vocabulary: criterionVocabulary, signals: signalsOf(criterion) };
  });

  const compiled: CompiledRubric = {
    question,
    behavioural: question.kind === "behavioural",
    criteria,
    keyPoints: criteria.flatMap((c) => c.keyPoints),
    misconceptions: criteria.flatMap((c) => c.misconceptions),
    vocabulary,
    lexicon,
    probes: [],
  };
  compiled.probes = question.probes.map((text): CompiledProbe => {
    const { keyed } = readText(text, lexicon);
    const keyPoints = new Set(compiled.keyPoints.filter((kp) => kp.matchers.some((m) => findMatches(keyed, m).length > 0)).map((kp) => kp.id));
    return { text, keys: contentKeys(text), keyPoints };
  });
  return compiled;
}
