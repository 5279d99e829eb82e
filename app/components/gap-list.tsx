import { Form } from "@remix-run/react";
import { READY_LEVEL, selfRatingText, type SkillReadiness } from "~/review/readiness";
import { scoreInWords, scoreStanding, scoreText } from "~/review/score-words";
import { useLowAnxiety } from "./use-low-anxiety";
import { skillLabel } from "~/question-bank/skill-label";

/** Where the user stands on a skill, in a sentence: their own rating and what their answers show. */
function why(s: SkillReadiness, lowAnxiety: boolean): string {
  if (s.gap === null) return "Not rated and not practised yet.";
  const rating = s.self === null ? null : lowAnxiety ? `“${selfRatingText(s.self, true)}”` : s.self;
  const rated = rating === null ? null : `You rate it ${rating}`;
  if (s.measured === null) return `${rated}; no graded answers yet.`;
  const measured = lowAnxiety
    ? `your answers so far are ${scoreStanding(s.measured)}`
    : `your answers average ${scoreText(s.measured, false)}`;
  return rated ? `${rated}; ${measured}.` : `${measured[0]!.toUpperCase()}${measured.slice(1)}.`;
}

/** The gaps, most urgent first, each with a one-click round that practises it. */
export function GapList({ gaps }: { gaps: SkillReadiness[] }) {
  const lowAnxiety = useLowAnxiety();
  if (gaps.length === 0) {
    return (
      <p className="muted">
        No gaps: every skill for this target is measured (or rated) at{" "}
        {lowAnxiety ? `“${scoreInWords(READY_LEVEL)}” or better` : `${READY_LEVEL} or above`}.
      </p>
    );
  }
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="practise" />
      <table className="data-table gaps">
        <caption className="visually-hidden">Gaps, most urgent first</caption>
        <thead>
          <tr>
            <th scope="col">Skill</th>
            <th scope="col">Where you stand</th>
            <th scope="col">Asked in</th>
            <th scope="col">
              <span className="visually-hidden">Practise</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {gaps.map((s) => (
            <tr key={s.skill}>
              <th scope="row">{skillLabel(s.skill)}</th>
              <td data-label="Where you stand">
                {why(s, lowAnxiety)}
                {s.overrated ? (
                  <div className="badge">Rated above what your answers show</div>
                ) : null}
              </td>
              <td data-label="Asked in">
                {s.frequency} {s.frequency === 1 ? "question" : "questions"}
              </td>
              <td>
                <button type="submit" name="gap" value={s.skill}>
                  Practise {skillLabel(s.skill)}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Form>
  );
}
