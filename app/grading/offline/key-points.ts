import { findMatches, isNegated, type KeyedText } from "./phrase-match";
import type { CompiledKeyPoint, CompiledRubric } from "./rubric-index";
import type { SentenceFeatures } from "./sentence-features";

/**
 * Which rubric key points the answer covers, and how: a point counts in full
 * only when the sentence that mentions it explains it (a reason, a
 * consequence, a contrast or a concrete example). Naming it in a bare
 * statement earns part of the credit; naming it in a list of terms earns
 * almost none.
 */

export type Coverage = "explained" | "stated" | "named" | "listed" | "missed";

/**
 * A correct point stated plainly ("Every production bug gets a regression test.") earns half; said in
 * other words, with nothing to show it is more than a near match by meaning, a little less.
 */
export const COVERAGE_CREDIT: Record<Coverage, number> = {
  explained: 1,
  stated: 0.5,
  named: 0.2,
  listed: 0.1,
  missed: 0,
};

export interface KeyPointResult {
  keyPoint: CompiledKeyPoint;
  coverage: Coverage;
  credit: number;
  /** The sentence that earned the credit. */
  sentence: number | null;
  /** Phrasings found anywhere in the answer. */
  terms: string[];
  /** Every sentence that mentions the point (not to deny it). */
  mentions: number[];
  /** Highest meaning similarity of any sentence to the point (0 when not measured): how near a miss came. */
  nearest: number;
}

/** Key points explained together in one sentence share its credit beyond this many. */
const POINTS_PER_SENTENCE = 3;
const MIN_EXPLAINING_WORDS = 7;
const MIN_STATING_WORDS = 7;
const STATED_BY_MEANING = 0.4;

/**
 * Sentences that only drop rubric terms: lists, or short bare statements
 * ("It is cacheable.") with no reason, consequence or example.
 */
export function termDroppingSentences(
  results: KeyPointResult[],
  features: SentenceFeatures[],
  words: (s: number) => number,
): Set<number> {
  const out = new Set<number>();
  for (const result of results) {
    for (const s of result.mentions) {
      const f = features[s];
      if (!f) continue;
      if (
        f.listLike ||
        (f.explanationMarkers === 0 && !f.concrete && words(s) < MIN_STATING_WORDS + 1)
      )
        out.add(s);
    }
  }
  return out;
}

/**
 * Meaning match (semantic.ts `overlaps`): at or above this a sentence says
 * what the key point means, whatever its words; at or above the second it
 * says it fully.
 */
export const MEANING_MATCH = 0.3;
const MEANING_FULL = 0.5;
const MEANING_RAMP = 0.1;
/** A sentence serves at most this many points by meaning, and only those close to its best. */
const MEANING_POINTS_PER_SENTENCE = 2;
const MEANING_NEAR_BEST = 0.08;
/**
 * Buzzword salad: rubric terms strung together with "because", "so", "which
 * means", "therefore" into claims that are false or say nothing ("resources
 * are idempotent because the URI is a representation, so JSON makes status
 * codes stateless"). Two things mark it together, measured on the dev pairs
 * and the calibration sets: causal connectives far denser than anyone explains
 * with (salads ran 6.6-10.6 per 100 words, correct answers in any register
 * 0-3.9, wrong or weak ones up to 6.1),
 * and a good share of sentences each tying a key point's terms to a reason
 * marker as well as another point or another reason ("chains"). Either alone
 * is normal in a good explanation; both together are how a salad reads.
 */
const SALAD_MARKERS_PER_100_WORDS = 5;
const SALAD_CHAIN_SHARE = 0.28;
const SALAD_MIN_CHAINS = 3;
const SALAD_DENSE_CHAINING_MARKERS = 4.3;
const SALAD_DENSE_CHAINING_SHARE = 0.6;
const CAUSAL =
  /\b(because|so|therefore|thus|hence|since|which means|meaning that|which is why|that is why|that's why|as a result|consequently)\b/gi;

export interface SaladReading {
  /** Sentences that chain terms of key points with reason markers. */
  chains: Set<number>;
  /** Reason markers per 100 words of sentences. */
  markerDensity: number;
  chainShare: number;
  /** The answer reads as buzzword salad: its chains earn nothing and its scores are capped. */
  salad: boolean;
  /** A story told as claims (story-grounding.ts): the salad a behavioural answer makes. */
  claimedStory?: boolean;
  /** Bare claims that name points and say something else (readsAsBareClaims): the salad a list of false definitions makes. */
  bareClaims?: boolean;
  /** Two or more of the rubric's misconceptions stated outright, in different sentences: falsehoods told as knowledge. */
  falseClaims?: boolean;
}

export function readSalad(
  rubric: CompiledRubric,
  keyed: KeyedText,
  features: SentenceFeatures[],
): SaladReading {
  const points = new Map<number, Set<number>>();
  rubric.keyPoints.forEach((kp, k) => {
    for (const matcher of kp.matchers) {
      for (const match of findMatches(keyed, matcher)) {
        let set = points.get(match.sentence);
        if (!set) points.set(match.sentence, (set = new Set()));
        set.add(k);
      }
    }
  });
  const chains = new Set<number>();
  let sentences = 0;
  let markers = 0;
  let words = 0;
  keyed.sentences.forEach((sentence, s) => {
    const f = features[s];
    if (!f || sentence.words < 4) return;
    sentences++;
    // Only reasons chain claims: "for example", "such as" and "rather than" explain without chaining.
    // Read from the corrected words, so "becuase" counts as "because".
    const reasons = (
      sentence.tokens
        .map((t) => t.norm)
        .join(" ")
        .match(CAUSAL) ?? []
    ).length;
    markers += reasons;
    words += sentence.words;
    const ks = points.get(s)?.size ?? 0;
    // Two reasons in one short sentence chain claims too, whatever terms they use (stories chain STAR words and numbers).
    // A chain links with any explaining word; the density above counts reasons only.
    const links = f.explanationMarkers;
    const dense = links >= 2 && sentence.words <= 30;
    if (!f.listLike && ((ks >= 2 && links >= 1) || (ks >= 1 && links >= 2) || dense)) chains.add(s);
  });
  const markerDensity = words === 0 ? 0 : (markers / words) * 100;
  const chainShare = sentences === 0 ? 0 : chains.size / sentences;
  // One or two dense sentences are an explanation (a short answer often is), not a salad: a salad strings several.
  // Or a little less dense, but chained nearly throughout (dev set 2's salads: 4.6-4.9 per 100 words, 0.75-0.89 of
  // sentences chains; no correct answer in the dev or calibration sets above 3.9 per 100 words).
  const salad =
    chains.size >= SALAD_MIN_CHAINS &&
    ((markerDensity >= SALAD_MARKERS_PER_100_WORDS && chainShare >= SALAD_CHAIN_SHARE) ||
      (markerDensity >= SALAD_DENSE_CHAINING_MARKERS && chainShare >= SALAD_DENSE_CHAINING_SHARE));
  return { chains, markerDensity, chainShare, salad };
}

/**
 * Salad told as bare claims: short declarative sentences ("Bcrypt is an
 * encryption algorithm with a 72-character key"), each naming a point's terms
 * while saying something far from what the point means. Correct answers in
 * the dev and calibration sets averaged 13.8 words a sentence or more and had
 * at most a sixth of their credited points far from the point's meaning; the
 * declarative salads of dev set 2 ran 7.8-9.3 words and a third or more.
 */
const BARE_CLAIM_WORDS = 11;
const BARE_CLAIM_FAR = 0.22;
const BARE_CLAIM_SHARE = 0.3;
const BARE_CLAIM_MIN_POINTS = 4;

export function readsAsBareClaims(
  rubric: CompiledRubric,
  results: KeyPointResult[],
  keyed: KeyedText,
  meaning: number[][] | null,
): boolean {
  // A story is told in short sentences and its points are events, not definitions: story-grounding.ts reads those.
  if (!meaning || rubric.behavioural) return false;
  const sentences = keyed.sentences.filter((s) => s.words > 0);
  if (sentences.length === 0) return false;
  const meanWords = sentences.reduce((sum, s) => sum + s.words, 0) / sentences.length;
  const credited = results.filter((r) => r.credit > 0 && r.sentence !== null);
  if (meanWords >= BARE_CLAIM_WORDS || credited.length < BARE_CLAIM_MIN_POINTS) return false;
  const far = credited.filter(
    (r) =>
      (meaning[r.sentence as number]?.[rubric.keyPoints.indexOf(r.keyPoint)] ?? 0) < BARE_CLAIM_FAR,
  ).length;
  return far / credited.length >= BARE_CLAIM_SHARE;
}

const explained = (r: KeyPointResult) => r.coverage === "explained" && r.credit > 0;

export function assessKeyPoints(
  rubric: CompiledRubric,
  keyed: KeyedText,
  features: SentenceFeatures[],
  /** Sentences that state a misconception: what they say earns nothing. */
  wrongSentences: Set<number>,
  /** meaning[sentence][keyPoint] (semantic.ts `overlaps`), or null to match by phrasings only. */
  meaning: number[][] | null = null,
  /** Chains of terms in a salad (see readSalad): they name points, they do not make them. */
  chains: Set<number> = new Set(),
  /**
   * 0-1: how far to trust meaning matches. An answer about another topic
   * still shares everyday words with the rubric's meanings ("servers",
   * "requests"); the caller scales meaning credit by how on-topic it is.
   */
  meaningTrust = 1,
): KeyPointResult[] {
  // In a story, opinions and conditionals ("if I had to sum up") are not things that happened.
  const storyOnly = rubric.behavioural;
  const found = rubric.keyPoints.map((kp) => {
    const sentences = new Set<number>();
    const terms = new Set<string>();
    for (const matcher of kp.matchers) {
      for (const match of findMatches(keyed, matcher)) {
        terms.add(matcher.source);
        // "It doesn't support transactions" names the point only to deny it.
        const sentence = keyed.sentences[match.sentence];
        if (sentence && !isNegated(sentence, match)) sentences.add(match.sentence);
      }
    }
    return { kp, sentences, terms };
  });

  const pointsInSentence = new Map<number, number>();
  for (const { sentences } of found)
    for (const s of sentences) pointsInSentence.set(s, (pointsInSentence.get(s) ?? 0) + 1);

  // Which points each sentence says by meaning: its best few, above the bar, close to its best.
  const byMeaning = new Map<number, Set<number>>();
  if (meaning) {
    meaning.forEach((row, s) => {
      const f = features[s];
      const sentence = keyed.sentences[s];
      if (
        !f ||
        !sentence ||
        f.listLike ||
        !f.hasVerb ||
        chains.has(s) ||
        wrongSentences.has(s) ||
        sentence.words < 6
      )
        return;
      const ranked = row
        .map((v, k) => [v, k] as const)
        .filter(([v]) => v >= MEANING_MATCH)
        .sort((a, b) => b[0] - a[0]);
      const top = ranked[0]?.[0] ?? 0;
      const chosen = ranked
        .filter(([v]) => v >= top - MEANING_NEAR_BEST)
        .slice(0, MEANING_POINTS_PER_SENTENCE);
      for (const [, k] of chosen) {
        let set = byMeaning.get(k);
        if (!set) byMeaning.set(k, (set = new Set()));
        set.add(s);
      }
    });
  }

  return found.map(({ kp, sentences, terms }, k): KeyPointResult => {
    const meant = byMeaning.get(k) ?? new Set<number>();
    const mentions = [...new Set([...sentences, ...meant])].sort((a, b) => a - b);
    const nearest = meaning
      ? Math.max(
          0,
          ...meaning.map((row, s) => (wrongSentences.has(s) || chains.has(s) ? 0 : (row[k] ?? 0))),
        )
      : 0;
    let best: KeyPointResult = {
      keyPoint: kp,
      coverage: "missed",
      credit: 0,
      sentence: null,
      terms: [...terms],
      mentions,
      nearest,
    };
    for (const s of mentions) {
      if (wrongSentences.has(s)) continue;
      const f = features[s];
      const sentence = keyed.sentences[s];
      if (!f || !sentence) continue;
      const similarity = meaning?.[s]?.[k] ?? 0;
      let coverage: Coverage;
      if (meant.has(s)) {
        // Said in the candidate's own words: a full sentence that carries the point's meaning.
        coverage =
          similarity >= MEANING_FULL || f.explanationMarkers > 0 || f.concrete
            ? "explained"
            : "stated";
      } else if (chains.has(s)) coverage = "missed";
      else if (f.listLike) coverage = "listed";
      else if (!f.hasVerb) coverage = "named";
      else if (f.explanationMarkers > 0 || f.concrete) coverage = "explained";
      // "It is stateless." names the term in a clause too short to say anything about it.
      else if (sentence.words < (storyOnly ? 5 : MIN_STATING_WORDS)) coverage = "named";
      // In a story, a point is told well when it is a specific first-person event: "I rolled back the deploy".
      else if (storyOnly && sentence.words >= 8 && (f.iActions > 0 || f.metrics > 0)) {
        coverage = "explained";
      } else coverage = "stated";
      if (storyOnly && (f.opinion || f.conditional) && coverage === "explained")
        coverage = "stated";
      let credit = COVERAGE_CREDIT[coverage];
      // Meaning credit ramps in over MEANING_RAMP above the bar rather than jumping: a slip of one word
      // moves the similarity a little, and so the score only a little.
      if (meant.has(s) && !sentences.has(s))
        credit =
          (coverage === "stated" ? STATED_BY_MEANING : credit) *
          meaningTrust *
          Math.min(1, (similarity - MEANING_MATCH) / MEANING_RAMP);
      else if (coverage === "explained") {
        // A story sentence ("I owned it, so I profiled it") naturally serves several points at once.
        const perSentence = storyOnly ? POINTS_PER_SENTENCE + 1 : POINTS_PER_SENTENCE;
        const shared = Math.min(1, perSentence / (pointsInSentence.get(s) ?? 1));
        const short = sentence.words < MIN_EXPLAINING_WORDS ? 0.7 : 1;
        credit = Math.max(COVERAGE_CREDIT.stated, credit * shared * short);
      }
      // An explained sentence stays the evidence even when a plain statement elsewhere earns as much:
      // the point was explained, and the depth of its criterion is read from that sentence.
      const candidate = { ...best, coverage, credit, sentence: s };
      if (explained(candidate) && (!explained(best) || credit > best.credit))
        best = { ...candidate, credit: Math.max(credit, best.credit) };
      else if (credit > best.credit) best = explained(best) ? { ...best, credit } : candidate;
    }
    return best;
  });
}
