import { Form } from "@remix-run/react";
import type { SkillReadiness } from "~/review/readiness";
import { READY_LEVEL } from "~/review/readiness";
import { scoreText } from "~/review/score-words";
import { useLowAnxiety } from "./use-low-anxiety";

function why(s: SkillReadiness, lowAnxiety: boolean): string {
  if (s.gap === null) return "Not rated and not practised yet.";
  if (s.measured !== null) {
    const measured = scoreText(s.measured, lowAnxiety);
    return s.self !== null
      ? `You rate it ${s.self}; your answers measure ${measured}.`
      : `Your answers measure ${measured}.`;
  }
  return `You rate it ${s.self}; no graded answers yet.`;
}

/** The gaps, most urgent first, each with a one-click round that practises it. */
export function GapList({ gaps }: { gaps: SkillReadiness[] }) {
  const lowAnxiety = useLowAnxiety();
  if (gaps.length === 0) {
    return (
      <p className="muted">
        No gaps: every skill for this target is measured (or rated) at{" "}
        {lowAnxiety ? "a strong level" : `${READY_LEVEL} or above`}.
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
              <th scope="row">{s.skill}</th>
              <td>
                {why(s, lowAnxiety)}
                {s.overrated ? (
                  <div className="badge">Rated above what your answers show</div>
                ) : null}
              </td>
              <td>
                {s.frequency} {s.frequency === 1 ? "question" : "questions"}
              </td>
              <td>
                <button type="submit" name="gap" value={s.skill}>
                  Practise {s.skill}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Form>
  );
}
