import { READY_LEVEL, type ReadinessFigure } from "~/review/readiness";
import { scoreInWords } from "~/scores/score-words";
import { useLowAnxiety } from "~/components/use-low-anxiety";

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The readiness page's one figure for the target role and band, what it
 * means in words, and how it is worked out, in a line. In low-anxiety mode
 * the words stand alone and the method is told without the scale's numbers.
 */
export function ReadinessFigureCard({
  figure,
  target,
}: {
  figure: ReadinessFigure;
  target: string;
}) {
  const lowAnxiety = useLowAnxiety();
  return (
    <div className="readiness-figure">
      <p className="readiness-headline" id="readiness-headline">
        Readiness for {target}:{" "}
        {lowAnxiety ? (
          <strong className="figure-words">{figure.words}</strong>
        ) : (
          <>
            <strong className="figure">{figure.percent}%</strong>{" "}
            <span className="figure-words">{figure.words}</span>
          </>
        )}
      </p>
      {lowAnxiety ? null : (
        <meter
          className="readiness-meter"
          min={0}
          max={100}
          low={50}
          high={75}
          optimum={100}
          value={figure.percent}
          aria-labelledby="readiness-headline"
        >
          {figure.percent}%
        </meter>
      )}
      <p className="hint">
        {lowAnxiety
          ? `How it is worked out: each of the ${count(figure.skills, "skill", "skills")} this target's questions ask about counts by how often it is asked; in full once your answers are ${scoreInWords(READY_LEVEL).toLowerCase()} or better, in part before that, and not at all until you have answered or rated it. Your graded answers count where you have them, your own rating otherwise.`
          : `How it is worked out: each of the ${count(figure.skills, "skill", "skills")} this target's questions ask about counts by how often it is asked; in full at ${READY_LEVEL} / 5 or above, in part below (2.5 counts half), and not at all at 1 or until you have answered or rated it. Your newest five graded scores count where you have them, your own rating otherwise.`}{" "}
        From your answers: {count(figure.measured, "skill", "skills")}; from your rating only:{" "}
        {figure.rated}; not yet known: {figure.unknown}.
      </p>
    </div>
  );
}
