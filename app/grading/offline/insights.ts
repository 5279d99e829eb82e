import type { Insights } from "~/grading/grade-schema";
import { FILLERS, GENERIC_WORDS } from "./lexicon";
import type { KeyPointResult } from "./key-points";
import { analyseText, type AnalysedText } from "./text-analysis";

/**
 * What practice tools show beside a score: filler words, the words used most,
 * the job-related rubric terms used, and pace.
 */

const SINGLE_FILLERS = new Set(FILLERS.filter((f) => !f.includes(" ")));
// Multi-word fillers as the reader's normal forms ("so yeah" reads as "so yes"), shown as written.
const PHRASE_FILLERS = FILLERS.filter((f) => f.includes(" ")).map((label) => ({
  label,
  norms: analyseText(label).sentences.flatMap((s) => s.tokens.map((t) => t.norm)),
}));
const TOP_WORDS = 8;
const MAX_TERMS = 24;

const MIN_SECONDS_FOR_PACE = 15;

export function buildInsights(analysed: AnalysedText, keyPoints: KeyPointResult[], secondsTaken: number | null): Insights {
  const fillers = new Map<string, number>();
  const counts = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

  for (const sentence of analysed.sentences) {
    const tokens = sentence.tokens;
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t];
      if (!token || token.kind !== "word") continue;
      const word = token.norm;
      if (SINGLE_FILLERS.has(word)) bump(fillers, word);
      // "like" is a filler when it stands alone between commas or opens the sentence, not in "a tool like Redis".
      // What follows must be a pause or the end: "like /orders/42" or "like 40%" gives an example.
      const after = tokens[t + 1]?.text;
      if (word === "like" && (tokens[t - 1]?.text === "," || t === 0) && (after === undefined || after === "," || /^[.!?;]$/.test(after))) {
        bump(fillers, "like");
      }
      for (const { label, norms } of PHRASE_FILLERS) {
        if (norms[0] === word && norms.every((p, k) => tokens[t + k]?.norm === p)) bump(fillers, label);
      }
      if (!token.stop && word.length >= 3 && !GENERIC_WORDS.has(word) && !SINGLE_FILLERS.has(word) && /\p{L}/u.test(word)) {
        bump(counts, word);
      }
    }
  }

  const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || a[0].localeCompare(b[0]);
  const termsUsed: string[] = [];
  const seen = new Set<string>();
  for (const kp of keyPoints) {
    for (const term of kp.terms) {
      const key = term.toLowerCase();
      if (seen.has(key) || termsUsed.length >= MAX_TERMS) continue;
      seen.add(key);
      termsUsed.push(term);
    }
  }

  return {
    wordCount: analysed.words,
    // Under 15 seconds is a paste or an auto-submit, not a pace worth reporting.
    wordsPerMinute: secondsTaken !== null && secondsTaken >= MIN_SECONDS_FOR_PACE ? Math.round((analysed.words / secondsTaken) * 600) / 10 : null,
    fillerWords: [...fillers.entries()].sort(byCount).map(([word, count]) => ({ word, count })),
    topWords: [...counts.entries()]
      .filter(([, count]) => count >= 2)
      .sort(byCount)
      .slice(0, TOP_WORDS)
      .map(([word, count]) => ({ word, count })),
    termsUsed,
  };
}
