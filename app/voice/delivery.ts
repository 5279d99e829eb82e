/**
 * Delivery figures for a spoken answer: how long the speaker spoke, how fast,
 * where they paused, and which fillers and hedges they leaned on. Pure: the
 * transcript and the transcription server's segments in, numbers out. Only
 * spoken answers get these; a typed answer has no pace.
 */

/** One stretch of speech as a verbose_json transcription gives it (seconds from the start). */
export interface TranscriptSegment {
  start: number;
  end: number;
  text: string;
}

export const FILLERS = ["um", "uh", "you know", "like"] as const;
export const HEDGES = ["sort of", "kind of"] as const;
export type Filler = (typeof FILLERS)[number];
export type Hedge = (typeof HEDGES)[number];

export interface WordCount<W extends string> {
  word: W;
  count: number;
  /** Up to three short excerpts around an occurrence, as spoken. */
  examples: string[];
}

export interface DeliveryMetrics {
  /** Segments: speaking time is the sum of the segments; duration: the whole recording (no segments were given). */
  source: "segments" | "duration";
  speakingSeconds: number;
  words: number;
  /** Over speaking time; null when there was too little speech to say. */
  wordsPerMinute: number | null;
  /** Gaps of LONG_PAUSE_SECONDS or more between segments. */
  longPauses: { count: number; longestSeconds: number; atSeconds: number[] };
  fillers: { total: number; perMinute: number | null; byWord: WordCount<Filler>[] };
  hedges: { total: number; byWord: WordCount<Hedge>[] };
}

export const LONG_PAUSE_SECONDS = 2;
/** Below this much speech a words-per-minute figure is noise. */
const MIN_SECONDS_FOR_RATE = 5;
const MAX_EXAMPLES = 3;
const EXAMPLE_WORDS_EACH_SIDE = 4;

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The figures for one transcript. `segments` when the server gave them (their
 * text is what is counted, so words and times agree), else `durationSeconds`
 * (the recording's length) stands in for speaking time.
 */
export function deliveryMetrics({
  transcript,
  segments,
  durationSeconds,
}: {
  transcript: string;
  segments?: TranscriptSegment[] | null;
  durationSeconds?: number | null;
}): DeliveryMetrics {
  const spoken = (segments ?? [])
    .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end) && s.end >= s.start && s.text.trim() !== "")
    .sort((a, b) => a.start - b.start);
  const fromSegments = spoken.length > 0;
  const text = fromSegments ? spoken.map((s) => s.text.trim()).join(" ") : transcript;
  const speakingSeconds = fromSegments
    ? spoken.reduce((sum, s) => sum + (s.end - s.start), 0)
    : Math.max(0, durationSeconds ?? 0);
  const words = countWords(text);
  const minutes = speakingSeconds / 60;
  const rated = speakingSeconds >= MIN_SECONDS_FOR_RATE && words > 0;
  const fillers = findFillers(text);
  const fillerTotal = fillers.reduce((sum, f) => sum + f.count, 0);
  const hedges = findHedges(text);
  return {
    source: fromSegments ? "segments" : "duration",
    speakingSeconds: round1(speakingSeconds),
    words,
    wordsPerMinute: rated ? Math.round(words / minutes) : null,
    longPauses: longPauses(spoken),
    fillers: { total: fillerTotal, perMinute: rated ? round1(fillerTotal / minutes) : null, byWord: fillers },
    hedges: { total: hedges.reduce((sum, h) => sum + h.count, 0), byWord: hedges },
  };
}

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)?.length ?? 0;
}

function longPauses(segments: TranscriptSegment[]): DeliveryMetrics["longPauses"] {
  const at: number[] = [];
  let longest = 0;
  let spokenUntil = segments[0]?.end ?? 0;
  for (const segment of segments.slice(1)) {
    const gap = segment.start - spokenUntil;
    if (gap >= LONG_PAUSE_SECONDS) {
      at.push(round1(spokenUntil));
      longest = Math.max(longest, gap);
    }
    spokenUntil = Math.max(spokenUntil, segment.end);
  }
  return { count: at.length, longestSeconds: round1(longest), atSeconds: at };
}

/** A word of the transcript with what surrounds it, for telling a filler from the same word used in earnest. */
interface Token {
  word: string;
  /** The raw text between the previous word and this one (punctuation, spaces). */
  before: string;
  /** The raw text between this word and the next. */
  after: string;
  index: number;
  /** Where the word starts and ends in the text, for excerpts. */
  from: number;
  to: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const from = match.index;
    const previous = tokens.at(-1);
    const between = text.slice(last, from);
    if (previous) previous.after = between;
    tokens.push({ word: match[0].toLowerCase().replace(/’/g, "'"), before: between, after: "", index: tokens.length, from, to: from + match[0].length });
    last = from + match[0].length;
  }
  const final = tokens.at(-1);
  if (final) final.after = text.slice(last);
  return tokens;
}

const UM = new Set(["um", "umm", "ummm", "uhm", "erm", "hmm", "mm"]);
const UH = new Set(["uh", "uhh", "uhhh", "er", "err", "ah"]);
/** "you know" asked or stated, not filled: "do you know", "if you know", "you know what it does". */
const KNOW_ASKED_BEFORE = new Set(["do", "did", "don't", "didn't", "if", "as", "would", "will", "could", "can", "what", "whether", "that"]);
const KNOW_STATED_AFTER = new Set(["what", "how", "why", "where", "when", "who", "whether", "that", "about", "it", "him", "her", "them", "this", "the"]);
/** After these, "like" that is not a comparison tends to be a filler: "and like we had no alerts". */
const LIKE_FILLER_BEFORE = new Set(["and", "but", "so", "um", "uh", "was", "were", "is", "it's", "there's"]);
/** Before these, "like" is a comparison or an example: "like a queue", "like the old one", "like when". */
const LIKE_COMPARES_AFTER = new Set(["a", "an", "the", "this", "that", "these", "those", "it", "to", "what", "how", "when", "if", "in", "on", "with", "my", "our", "their", "your", "his", "her", "its", "any", "some"]);
/** After these, "kind of"/"sort of" names a kind: "what kind of index", "a sort of queue". */
const KIND_NAMED_BEFORE = new Set(["a", "an", "the", "this", "that", "these", "those", "what", "which", "any", "some", "every", "same", "one", "each", "no", "other", "another", "my", "our", "your", "their", "his", "her", "its", "whatever", "different", "new", "right", "wrong"]);

const commaAfter = (t: Token | undefined) => t !== undefined && /^\s*[,;—–-]/.test(t.after);
const clauseStart = (t: Token) => t.index === 0 || /[.!?,;:—–]\s*$/.test(t.before);

function findFillers(text: string): WordCount<Filler>[] {
  const tokens = tokenize(text);
  const hits = new Map<Filler, Token[]>();
  const add = (word: Filler, at: Token, end: Token = at) => {
    const list = hits.get(word) ?? [];
    list.push({ ...at, to: end.to });
    hits.set(word, list);
  };
  for (const t of tokens) {
    const prev = tokens[t.index - 1];
    const next = tokens[t.index + 1];
    if (UM.has(t.word)) add("um", t);
    else if (UH.has(t.word)) add("uh", t);
    else if (t.word === "you" && next?.word === "know" && /^\s+$/.test(t.after)) {
      const asked = prev !== undefined && !clauseStart(t) && KNOW_ASKED_BEFORE.has(prev.word);
      const after = tokens[t.index + 2];
      const stated = after !== undefined && !commaAfter(next) && KNOW_STATED_AFTER.has(after.word);
      if (!asked && !stated) add("you know", t, next);
    } else if (t.word === "like" && isFillerLike(t, prev, next)) add("like", t);
  }
  return FILLERS.map((word) => countOf(word, hits.get(word) ?? [], text)).filter((c) => c.count > 0);
}

function isFillerLike(t: Token, prev: Token | undefined, next: Token | undefined): boolean {
  if (next?.word === "like" && /^\s+$/.test(t.after)) return true; // "like like"
  if (commaAfter(t)) return true; // "it was, like, slow"; "like, we had"
  if (next === undefined) return false;
  if (LIKE_COMPARES_AFTER.has(next.word) || /^\d/.test(next.word)) return false;
  if (prev !== undefined && /[,—–]\s*$/.test(t.before)) return true; // ", like we had"
  return prev !== undefined && /^\s+$/.test(t.before) && LIKE_FILLER_BEFORE.has(prev.word);
}

function findHedges(text: string): WordCount<Hedge>[] {
  const tokens = tokenize(text);
  const hits = new Map<Hedge, Token[]>();
  for (const t of tokens) {
    const next = tokens[t.index + 1];
    if ((t.word !== "kind" && t.word !== "sort") || next?.word !== "of" || !/^\s+$/.test(t.after)) continue;
    const prev = tokens[t.index - 1];
    if (prev !== undefined && !clauseStart(t) && KIND_NAMED_BEFORE.has(prev.word)) continue;
    const word: Hedge = t.word === "kind" ? "kind of" : "sort of";
    hits.set(word, [...(hits.get(word) ?? []), { ...t, to: next.to }]);
  }
  return HEDGES.map((word) => countOf(word, hits.get(word) ?? [], text)).filter((c) => c.count > 0);
}

function countOf<W extends string>(word: W, found: Token[], text: string): WordCount<W> {
  return { word, count: found.length, examples: found.slice(0, MAX_EXAMPLES).map((t) => excerpt(text, t.from, t.to)) };
}

/** A few words either side of text[from, to), with ellipses where it was cut. */
function excerpt(text: string, from: number, to: number): string {
  let start = from;
  for (let words = 0; start > 0 && words <= EXAMPLE_WORDS_EACH_SIDE; ) {
    start -= 1;
    if (/\s/.test(text[start]!) && !/\s/.test(text[start + 1] ?? "")) words += 1;
  }
  let end = to;
  for (let words = 0; end < text.length && words <= EXAMPLE_WORDS_EACH_SIDE; ) {
    if (/\s/.test(text[end]!) && !/\s/.test(text[end - 1] ?? "")) words += 1;
    end += 1;
  }
  const body = text.slice(start, end).trim();
  return `${start > 0 ? "…" : ""}${body}${end < text.length ? "…" : ""}`;
}
