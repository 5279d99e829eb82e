import { SCORE_MAX } from "~/grading/score-scale";

/**
 * Scores in words, for low-anxiety mode: the same judgement without the
 * number. The bands follow the rubric's 1-5 scale.
 */
const BANDS: { min: number; word: string }[] = [
  { min: 4.5, word: "Excellent" },
  { min: 3.5, word: "Strong" },
  { min: 2.5, word: "Solid" },
  { min: 1.5, word: "Developing" },
  { min: 0, word: "Early days" },
];

export function scoreInWords(score: number): string {
  return BANDS.find((band) => score >= band.min)!.word;
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
