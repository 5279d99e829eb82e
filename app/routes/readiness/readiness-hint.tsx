import { READY_LEVEL } from "~/review/readiness";
import { scoreInWords } from "~/scores/score-words";
import { useLowAnxiety } from "~/components/use-low-anxiety";

/** How readiness is judged: on the 1-5 scale, or in words in low-anxiety mode. */
export function ReadinessHint() {
  const lowAnxiety = useLowAnxiety();
  return (
    <p className="hint">
      {lowAnxiety
        ? `Rate yourself on each skill the way the guides suggest, then see it beside what your graded answers show. A skill is ready once your answers are ${scoreInWords(READY_LEVEL).toLowerCase()}.`
        : `Rate yourself on each skill the way the guides suggest (1-5), then see it beside what your graded answers measure. A skill is ready at ${READY_LEVEL}.`}
    </p>
  );
}
