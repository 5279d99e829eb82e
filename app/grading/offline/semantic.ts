import type { KeyedSentence, KeyedText } from "./phrase-match";
import type { CompiledKeyPoint, CompiledRubric } from "./rubric-index";
import { analyseText, type Token } from "./text-analysis";
import { wordVectors } from "./word-vectors";

/**
 * Meaning-level similarity between answer sentences and rubric key points:
 * each side is the rarity-weighted mean of its content words' vectors (stop
 * words dropped), compared by cosine. A key point is represented by what it
 * means (its `meaning` in the bank, else its point sentence), not by its
 * phrasings, so an answer that says the same thing in other words lands
 * close to it, while a sentence that merely strings the rubric's terms
 * together is pulled towards several points at once and close to none.
 */

/** Content words: stop words, numbers and punctuation carry no topic. */
function contentWords(tokens: readonly Token[]): string[] {
  return tokens.filter((t) => t.kind === "word" && !t.stop && t.norm.length > 1).map((t) => t.norm.toLowerCase());
}

export function meanVector(words: readonly string[]): Float32Array | null {
  const vectors = wordVectors();
  const sum = new Float32Array(vectors.dimensions);
  let any = false;
  for (const word of words) {
    // Hyphenated and slashed words ("read-only", "I/O") are read as their pieces.
    for (const piece of word.split(/[^a-z']+/)) {
      const v = vectors.vector(piece);
      if (!v) continue;
      const w = vectors.weight(piece);
      for (let d = 0; d < sum.length; d++) sum[d] = (sum[d] as number) + w * (v[d] as number);
      any = true;
    }
  }
  if (!any) return null;
  let norm = 0;
  for (const x of sum) norm += x * x;
  norm = Math.sqrt(norm);
  for (let d = 0; d < sum.length; d++) sum[d] = (sum[d] as number) / norm;
  return sum;
}

export function cosine(a: Float32Array | null, b: Float32Array | null): number {
  if (!a || !b) return 0;
  let dot = 0;
  for (let d = 0; d < a.length; d++) dot += (a[d] as number) * (b[d] as number);
  return dot;
}

interface PointSpace {
  points: Array<Float32Array | null>;
  /** The direction every point of the question shares (its topic): removed before comparing. */
  common: Float32Array | null;
}

const pointSpaces = new WeakMap<CompiledRubric, PointSpace>();

/** `v` without its component along `axis`, renormalised: what is specific to it. */
function without(v: Float32Array | null, axis: Float32Array | null): Float32Array | null {
  if (!v || !axis) return v;
  const dot = cosine(v, axis);
  const out = new Float32Array(v.length);
  let norm = 0;
  for (let d = 0; d < v.length; d++) {
    out[d] = (v[d] as number) - dot * (axis[d] as number);
    norm += (out[d] as number) ** 2;
  }
  norm = Math.sqrt(norm);
  if (norm < 1e-6) return null;
  for (let d = 0; d < v.length; d++) out[d] = (out[d] as number) / norm;
  return out;
}

/** What a key point means, as text: the bank's `meaning`, else the point itself. */
export function meaningOf(kp: CompiledKeyPoint): string {
  return kp.meaning ?? kp.point;
}

function pointSpace(rubric: CompiledRubric): PointSpace {
  const cached = pointSpaces.get(rubric);
  if (cached) return cached;
  const raw = rubric.keyPoints.map((kp) => {
    const tokens = analyseText(`${meaningOf(kp)} ${kp.point}`).sentences.flatMap((s) => s.tokens);
    return meanVector(contentWords(tokens));
  });
  const dims = wordVectors().dimensions;
  const sum = new Float32Array(dims);
  for (const v of raw) if (v) for (let d = 0; d < dims; d++) sum[d] = (sum[d] as number) + (v[d] as number);
  let norm = 0;
  for (const x of sum) norm += x * x;
  norm = Math.sqrt(norm);
  const common = norm > 0 ? sum.map((x) => x / norm) : null;
  const space = { points: raw.map((v) => without(v, common)), common };
  pointSpaces.set(rubric, space);
  return space;
}

export function keyPointVectors(rubric: CompiledRubric): Array<Float32Array | null> {
  return pointSpace(rubric).points;
}

export function sentenceVector(sentence: KeyedSentence): Float32Array | null {
  return meanVector(contentWords(sentence.tokens));
}

/** similarity[sentence][keyPoint], in the order of `rubric.keyPoints`. */
export function similarities(rubric: CompiledRubric, keyed: KeyedText): number[][] {
  const { points, common } = pointSpace(rubric);
  return keyed.sentences.map((sentence) => {
    const v = without(sentenceVector(sentence), common);
    return points.map((p) => cosine(v, p));
  });
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyz";
const nearestCache = new Map<string, string | undefined>();

/**
 * A word without a vector read as the most frequent kept word one edit away
 * (a typo such as "memmory"), so a slip does not change what a sentence means.
 * Short words are left alone: one edit from a three-letter word is another word.
 */
function nearestKnown(word: string): string | undefined {
  if (word.length < 5) return undefined;
  if (nearestCache.has(word)) return nearestCache.get(word);
  const vectors = wordVectors();
  let best: string | undefined;
  let bestRank = Infinity;
  const consider = (candidate: string) => {
    const rank = vectors.rank(candidate);
    if (rank !== undefined && rank < bestRank) {
      best = candidate;
      bestRank = rank;
    }
  };
  for (let i = 0; i <= word.length; i++) {
    if (i < word.length) consider(word.slice(0, i) + word.slice(i + 1));
    if (i < word.length - 1) consider(word.slice(0, i) + (word[i + 1] ?? "") + (word[i] ?? "") + word.slice(i + 2));
    for (const c of ALPHABET) {
      if (i < word.length) consider(word.slice(0, i) + c + word.slice(i + 1));
      consider(word.slice(0, i) + c + word.slice(i));
    }
  }
  if (nearestCache.size > 5000) nearestCache.clear();
  nearestCache.set(word, best);
  return best;
}

interface WordBag {
  vectors: Float32Array[];
  weights: number[];
}

function bagOf(words: readonly string[]): WordBag {
  const vectors = wordVectors();
  const bag: WordBag = { vectors: [], weights: [] };
  const seen = new Set<string>();
  for (const word of words) {
    for (const piece of word.split(/[^a-z']+/)) {
      if (seen.has(piece)) continue;
      seen.add(piece);
      const known = vectors.vector(piece) ? piece : nearestKnown(piece);
      const v = known === undefined ? undefined : vectors.vector(known);
      if (!v || known === undefined) continue;
      bag.vectors.push(v);
      bag.weights.push(vectors.weight(known));
    }
  }
  return bag;
}

/** Word-to-word similarity below this is noise between unrelated words; above it, credit grows to 1 at 0.85. */
const WORD_FLOOR = 0.45;
const WORD_FULL = 0.85;

function credit(cos: number): number {
  return Math.max(0, Math.min(1, (cos - WORD_FLOOR) / (WORD_FULL - WORD_FLOOR)));
}

/**
 * F-measure of the two rarity-weighted coverages: how much of the point's
 * meaning has a near-synonym (or itself) in the sentence, and how much of the
 * sentence is about the point. One pass over the word pairs serves both.
 */
function softOverlap(point: WordBag, sentence: WordBag): number {
  const m = point.vectors.length;
  const n = sentence.vectors.length;
  if (m === 0 || n === 0) return 0;
  const colBest = new Float64Array(n);
  let recallGot = 0;
  let recallTotal = 0;
  for (let i = 0; i < m; i++) {
    const a = point.vectors[i] as Float32Array;
    let rowBest = 0;
    for (let j = 0; j < n; j++) {
      const b = sentence.vectors[j] as Float32Array;
      let dot = 0;
      for (let d = 0; d < a.length; d++) dot += (a[d] as number) * (b[d] as number);
      if (dot > rowBest) rowBest = dot;
      if (dot > (colBest[j] as number)) colBest[j] = dot;
    }
    const w = point.weights[i] as number;
    recallGot += w * credit(rowBest);
    recallTotal += w;
  }
  let precisionGot = 0;
  let precisionTotal = 0;
  for (let j = 0; j < n; j++) {
    const w = sentence.weights[j] as number;
    precisionGot += w * credit(colBest[j] as number);
    precisionTotal += w;
  }
  const recall = recallTotal === 0 ? 0 : recallGot / recallTotal;
  const precision = precisionTotal === 0 ? 0 : precisionGot / precisionTotal;
  return recall + precision === 0 ? 0 : (2 * recall * precision) / (recall + precision);
}

const pointBags = new WeakMap<CompiledRubric, WordBag[]>();

/**
 * Soft word overlap: how much of what the key point means the sentence says,
 * word by word with synonyms allowed (F-measure of the two coverages, so a
 * long sentence that touches everything is not a match for everything).
 */
export function overlaps(rubric: CompiledRubric, keyed: KeyedText): number[][] {
  let bags = pointBags.get(rubric);
  if (!bags) {
    // The meaning in plain words and the point in the rubric's terms: an answer in either register can reach it.
    bags = rubric.keyPoints.map((kp) => bagOf(contentWords(analyseText(`${meaningOf(kp)} ${kp.point}`).sentences.flatMap((s) => s.tokens))));
    pointBags.set(rubric, bags);
  }
  return keyed.sentences.map((sentence) => {
    const bag = bagOf(contentWords(sentence.tokens));
    return (bags as WordBag[]).map((p) => softOverlap(p, bag));
  });
}
