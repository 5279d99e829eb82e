import { changeText, scoreBand, scoreInWords, scoreText } from "~/scores/score-words";
import { useLowAnxiety } from "./use-low-anxiety";

/**
 * A 1-5 score as "3.4 / 5" with its band's word ("Good"), or the word alone in
 * low-anxiety mode; the band's colour sits behind the word, which always says it too.
 */
export function Score({
  value,
  empty = "not graded",
  digits = 1,
}: {
  value: number | null;
  empty?: string;
  digits?: number;
}) {
  const lowAnxiety = useLowAnxiety();
  if (value === null) return <span className="muted">{empty}</span>;
  const band = <span className={`score-band band-${scoreBand(value)}`}>{scoreInWords(value)}</span>;
  if (lowAnxiety) return <span className="score-value">{band}</span>;
  return (
    <span className="score-value">
      {scoreText(value, lowAnxiety, digits)} {band}
    </span>
  );
}

/** The change between two scores, signed, or "better" / "lower" in low-anxiety mode. */
export function ScoreChange({ delta }: { delta: number | null }) {
  const lowAnxiety = useLowAnxiety();
  if (delta === null) return <span className="muted">—</span>;
  const direction = delta > 0.05 ? "up" : delta < -0.05 ? "down" : "flat";
  return <span className={`change change-${direction}`}>{changeText(delta, lowAnxiety)}</span>;
}
