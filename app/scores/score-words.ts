import { SCORE_MAX } from "~/grading/score-scale";

/**
 * Scores in words, for low-anxiety mode: the same judgement without the
 * number. One set of bands on the rubric's 1-5 scale, used by every page and
 * export: a word for tables ("Good") and a standing for sentences ("Your
 * answers so far are good."). Only 4.5 and above is strong: 3.5 is good.
 */
const BANDS: { min: number; word: string; standing: string; key: ScoreBand }[] = [
  { min: 4.5, word: "Strong", standing: "strong", key: "strong" },
  { min: 3.5, word: "Good", standing: "good", key: "good" },
  { min: 2.5, word: "Fair", standing: "fair", key: "fair" },
  { min: 1.5, word: "Developing", standing: "still developing", key: "developing" },
  { min: 0, word: "Early days", standing: "at an early stage", key: "early" },
];

/** A band's name for the styles: `band-good` colours a score (app/styles), always beside its word or number. */
export type ScoreBand = "strong" | "good" | "fair" | "developing" | "early";

const bandOf = (score: number) => BANDS.find((band) => score >= band.min)!;

export function scoreInWords(score: number): string {
  return bandOf(score).word;
}

export function scoreBand(score: number): ScoreBand {
  return bandOf(score).key;
}

/** Where a score stands, to follow "are" in a sentence: "strong", "at an early stage". */
export function scoreStanding(score: number): string {
  return bandOf(score).standing;
}

/** "3.4 / 5", or its word in low-anxiety mode. */
export function scoreText(score: number, lowAnxiety: boolean, digits = 1): string {
  return lowAnxiety ? scoreInWords(score) : `${score.toFixed(digits)} / ${SCORE_MAX}`;
}

/** A change between two scores: "+0.8" / "−1.0", or "better" / "lower" / "same" in words. */
export function changeText(delta: number, lowAnxiety: boolean): string {
  const rounded = Math.round(delta * 10) / 10;
  if (lowAnxiety) return rounded > 0 ? "better" : rounded < 0 ? "lower" : "same";
  if (rounded === 0) return "±0";
  return rounded > 0 ? `+${rounded.toFixed(1)}` : `−${Math.abs(rounded).toFixed(1)}`;
}

const SCORE = String.raw`([1-5](?:\.\d+)?)\s*(?:\/|out of)\s*${SCORE_MAX}\b`;
/** "Trade-offs (2/5): …", the offline grader's lead-in: the criterion's score is already shown beside it. */
const LEAD_IN = new RegExp(String.raw`\s*\(${SCORE}\)`, "g");
/** "(Capped from 5 to 2: …)", the note a capped LLM score carries. */
const CAPPED = /\bCapped from \d+(?:\.\d+)? to \d+(?:\.\d+)?/g;
const BARE = new RegExp(String.raw`\b${SCORE}`, "g");

/**
 * A grader's sentence as the page shows it: unchanged, or in low-anxiety mode
 * with its score numbers taken out (the grade beside it already says the score
 * in words). Other numbers (latencies, percentages, word counts) stay.
 */
export function feedbackText(text: string, lowAnxiety: boolean): string {
  if (!lowAnxiety) return text;
  return text
    .replace(LEAD_IN, "")
    .replace(CAPPED, "Capped")
    .replace(BARE, (_match, score: string) => scoreInWords(Number(score)).toLowerCase());
}
