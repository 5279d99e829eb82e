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
  return tokens
    .filter((t) => t.kind === "word" && !t.stop && t.norm.length > 1)
    .map((t) => t.norm.toLowerCase());
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
  for (const v of raw)
    if (v) for (let d = 0; d < dims; d++) sum[d] = (sum[d] as number) + (v[d] as number);
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
    if (i < word.length - 1)
      consider(word.slice(0, i) + (word[i + 1] ?? "") + (word[i] ?? "") + word.slice(i + 2));
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
  /** Weight of words without a vector (each counts 1, as a rare word would). */
  unknown: number;
}

function bagOf(words: readonly string[]): WordBag {
  const vectors = wordVectors();
  const bag: WordBag = { vectors: [], weights: [], unknown: 0 };
  const seen = new Set<string>();
  for (const word of words) {
    for (const piece of word.split(/[^a-z']+/)) {
      if (seen.has(piece)) continue;
      seen.add(piece);
      const known = vectors.vector(piece) ? piece : nearestKnown(piece);
      const v = known === undefined ? undefined : vectors.vector(known);
      if (!v || known === undefined) {
        // A word it cannot read still takes up the sentence: it is counted as saying nothing about the point,
        // so a slip that loses a word does not make the rest of the sentence look more on-point.
        if (piece.length >= 3) bag.unknown += 1;
        continue;
      }
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
 * Texts (a question's key points, or its misconceptions) as rows over one
 * table of distinct words: every (answer word, text word) cosine is computed
 * once per answer, however many texts and sentences share the words.
 */
interface TextTable {
  dims: number;
  /** Distinct words' unit vectors, row after row. */
  matrix: Float32Array;
  size: number;
  /** Per text: indices into the table and their rarity weights. */
  points: Array<{ words: number[]; weights: number[] }>;
}

function textTable(texts: readonly string[]): TextTable {
  const vectors = wordVectors();
  const index = new Map<Float32Array, number>();
  const rows: Float32Array[] = [];
  const points = texts.map((text) => {
    const bag = bagOf(contentWords(analyseText(text).sentences.flatMap((s) => s.tokens)));
    const words = bag.vectors.map((v) => {
      const found = index.get(v);
      if (found !== undefined) return found;
      index.set(v, rows.length);
      rows.push(v);
      return rows.length - 1;
    });
    return { words, weights: bag.weights };
  });
  const dims = vectors.dimensions;
  const matrix = new Float32Array(rows.length * dims);
  rows.forEach((v, i) => matrix.set(v, i * dims));
  return { dims, matrix, size: rows.length, points };
}

const pointTables = new WeakMap<CompiledRubric, TextTable>();
const claimTables = new WeakMap<CompiledRubric, TextTable>();

function tableOf(
  cache: WeakMap<CompiledRubric, TextTable>,
  rubric: CompiledRubric,
  texts: () => string[],
): TextTable {
  let table = cache.get(rubric);
  if (!table) {
    table = textTable(texts());
    cache.set(rubric, table);
  }
  return table;
}

/**
 * overlap[sentence][keyPoint], in the order of `rubric.keyPoints`: the meaning
 * in plain words and the point in the rubric's terms, so an answer in either
 * register can reach it.
 */
export function overlaps(rubric: CompiledRubric, keyed: KeyedText): number[][] {
  const table = tableOf(pointTables, rubric, () =>
    rubric.keyPoints.map((kp) => `${meaningOf(kp)} ${kp.point}`),
  );
  return overlapsWith(table, keyed);
}

/** overlap[sentence][misconception], in the order of `rubric.misconceptions`: how nearly a sentence says the wrong claim. */
export function claimOverlaps(rubric: CompiledRubric, keyed: KeyedText): number[][] {
  const table = tableOf(claimTables, rubric, () => rubric.misconceptions.map((m) => m.claim));
  return overlapsWith(table, keyed);
}

/**
 * Soft word overlap: how much of what the key point means the sentence says,
 * word by word with near-synonyms allowed, and how much of the sentence is
 * about the point; their F-measure, so a long sentence that touches
 * everything is not a match for everything.
 */
function overlapsWith(table: TextTable, keyed: KeyedText): number[][] {
  const { dims, matrix, size } = table;
  // Distinct answer words, each compared with every point word once.
  const answerRows = new Map<Float32Array, Float32Array>();
  const sims = (v: Float32Array): Float32Array => {
    let row = answerRows.get(v);
    if (row) return row;
    row = new Float32Array(size);
    // The grader's hot loop (most of its time on a long answer): four running sums let the engine
    // overlap the multiplications, about twice as fast as one sum here.
    const tail = dims - (dims % 4);
    for (let u = 0; u < size; u++) {
      const base = u * dims;
      let d0 = 0;
      let d1 = 0;
      let d2 = 0;
      let d3 = 0;
      for (let d = 0; d < tail; d += 4) {
        d0 += (v[d] as number) * (matrix[base + d] as number);
        d1 += (v[d + 1] as number) * (matrix[base + d + 1] as number);
        d2 += (v[d + 2] as number) * (matrix[base + d + 2] as number);
        d3 += (v[d + 3] as number) * (matrix[base + d + 3] as number);
      }
      for (let d = tail; d < dims; d++) d0 += (v[d] as number) * (matrix[base + d] as number);
      row[u] = credit(d0 + d1 + d2 + d3);
    }
    answerRows.set(v, row);
    return row;
  };
  return keyed.sentences.map((sentence) => {
    const bag = bagOf(contentWords(sentence.tokens));
    const rows = bag.vectors.map(sims);
    const n = rows.length;
    return table.points.map((p) => {
      const m = p.words.length;
      if (m === 0 || n === 0) return 0;
      let recallGot = 0;
      let recallTotal = 0;
      const colBest = new Float64Array(n);
      for (let i = 0; i < m; i++) {
        const u = p.words[i] as number;
        let best = 0;
        for (let j = 0; j < n; j++) {
          const c = (rows[j] as Float32Array)[u] as number;
          if (c > best) best = c;
          if (c > (colBest[j] as number)) colBest[j] = c;
        }
        const w = p.weights[i] as number;
        recallGot += w * best;
        recallTotal += w;
      }
      let precisionGot = 0;
      let precisionTotal = bag.unknown;
      for (let j = 0; j < n; j++) {
        const w = bag.weights[j] as number;
        precisionGot += w * (colBest[j] as number);
        precisionTotal += w;
      }
      const recall = recallTotal === 0 ? 0 : recallGot / recallTotal;
      const precision = precisionTotal === 0 ? 0 : precisionGot / precisionTotal;
      return recall + precision === 0 ? 0 : (2 * recall * precision) / (recall + precision);
    });
  });
}
