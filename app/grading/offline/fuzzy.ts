/**
 * Word-level fuzzy matching so that a typo never changes a score: a light
 * suffix stemmer (plural, -ing, -ed, -ly) and a Damerau-Levenshtein check
 * (optimal string alignment, distance at most 1) backed by a deletion index,
 * so looking a word up costs a handful of map reads instead of a scan.
 */

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

/** Reduces inflected forms to one key: cache, caches, cached, caching -> cach. */
export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const result = computeStem(word);
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(word, result);
  return result;
}

function computeStem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes")) w = w.slice(0, -2);
  else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is") && w.length > 4) w = w.slice(0, -1);
  if (w.endsWith("ingly") && w.length > 7) w = w.slice(0, -5);
  else if (w.endsWith("ing") && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith("ied") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("ed") && w.length > 4 && !w.endsWith("eed")) w = w.slice(0, -2);
  else if (w.endsWith("ly") && w.length > 5) w = w.slice(0, -2);
  // Undo doubled consonants (scanned -> scann -> scan) and a final silent e.
  const n = w.length;
  if (n > 4 && w[n - 1] === w[n - 2] && !"aeiouls".includes(w[n - 1] ?? "")) w = w.slice(0, -1);
  if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
  if (w.endsWith("y") && w.length > 4) w = `${w.slice(0, -1)}i`;
  return w;
}

/** True when a and b differ by at most one insertion, deletion, substitution or adjacent transposition. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Shortest word that typo correction applies to; shorter words are too easily confused. */
export const FUZZY_MIN_LENGTH = 5;

/**
 * A set of known words that can be looked up allowing one edit. Built once per
 * vocabulary (one per question, one for the grader's own lexicon).
 */
export class FuzzyLexicon {
  private readonly words = new Set<string>();
  private readonly deletions = new Map<string, string[]>();
  /** The stems of the words, for typos in an inflected form the lexicon lacks ("leanring" -> learn). */
  readonly stems: FuzzyLexicon | null;

  constructor(words: Iterable<string>, withStems = true) {
    const list = [...words];
    for (const word of list) this.add(word);
    this.stems = withStems ? new FuzzyLexicon(list.map(stem), false) : null;
  }

  add(word: string): void {
    if (this.words.has(word)) return;
    this.words.add(word);
    if (word.length < FUZZY_MIN_LENGTH) return;
    for (const variant of deletionsOf(word, true)) {
      const list = this.deletions.get(variant);
      if (list) list.push(word);
      else this.deletions.set(variant, [word]);
    }
  }

  has(word: string): boolean {
    return this.words.has(word);
  }

  private readonly memo = new Map<string, string | null>();

  /** The known word within one edit of `word`, or undefined; ties resolve to the first added. */
  correct(word: string): string | undefined {
    if (this.words.has(word)) return word;
    const known = this.memo.get(word);
    if (known !== undefined) return known ?? undefined;
    const found = this.lookup(word);
    if (this.memo.size >= 20_000) this.memo.clear();
    this.memo.set(word, found ?? null);
    return found;
  }

  private lookup(word: string): string | undefined {
    if (word.length < FUZZY_MIN_LENGTH - 1) return undefined;
    for (const variant of deletionsOf(word, true)) {
      const candidates = this.deletions.get(variant);
      if (!candidates) continue;
      for (const candidate of candidates) if (withinOneEdit(word, candidate)) return candidate;
    }
    return undefined;
  }
}

function deletionsOf(word: string, includeSelf: boolean): string[] {
  const out = includeSelf ? [word] : [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
