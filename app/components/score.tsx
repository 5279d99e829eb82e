import { changeText, scoreText } from "~/review/score-words";
import { useLowAnxiety } from "./use-low-anxiety";

/** A 1-5 score as "3.4 / 5", or in words in low-anxiety mode. */
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
  return <span className="score-value">{scoreText(value, lowAnxiety, digits)}</span>;
}

/** The change between two scores, signed, or "better" / "lower" in low-anxiety mode. */
export function ScoreChange({ delta }: { delta: number | null }) {
  const lowAnxiety = useLowAnxiety();
  if (delta === null) return <span className="muted">—</span>;
  const direction = delta > 0.05 ? "up" : delta < -0.05 ? "down" : "flat";
  return <span className={`change change-${direction}`}>{changeText(delta, lowAnxiety)}</span>;
}
