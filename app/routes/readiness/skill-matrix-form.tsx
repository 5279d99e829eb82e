import { Form } from "@remix-run/react";
import { SELF_RATINGS, selfRatingText, type SkillReadiness } from "~/review/readiness";
import { Score } from "~/components/score";
import { useLowAnxiety } from "~/components/use-low-anxiety";
import { skillLabel } from "~/question-bank/skill-label";

/** The self-scored skill matrix, with the measured score beside each rating. A plain form: works without JavaScript. */
export function SkillMatrixForm({
  matrix,
  values,
}: {
  matrix: SkillReadiness[];
  values?: Record<string, string | string[]>;
}) {
  const lowAnxiety = useLowAnxiety();
  const submitted = (i: number) => (Array.isArray(values?.score) ? values.score[i] : undefined);
  return (
    <Form method="post" key={JSON.stringify(values ?? null)}>
      <input type="hidden" name="intent" value="self-scores" />
      <table className="data-table matrix">
        <caption className="visually-hidden">
          Skill matrix: your rating and your measured score
        </caption>
        <thead>
          <tr>
            <th scope="col">Skill</th>
            <th scope="col">Your rating</th>
            <th scope="col">Measured</th>
          </tr>
        </thead>
        <tbody>
          {matrix.map((s, i) => (
            <tr key={s.skill}>
              <th scope="row">
                <label htmlFor={`self-${s.skill}`}>{skillLabel(s.skill)}</label>
                <div className="hint">
                  asked in {s.frequency} {s.frequency === 1 ? "question" : "questions"}
                </div>
              </th>
              <td data-label="Your rating">
                <input type="hidden" name="skill" value={s.skill} />
                <select
                  id={`self-${s.skill}`}
                  name="score"
                  defaultValue={submitted(i) ?? (s.self === null ? "" : String(s.self))}
                >
                  <option value="">Not rated</option>
                  {SELF_RATINGS.map((label, i) => (
                    <option key={label} value={String(i + 1)}>
                      {selfRatingText(i + 1, lowAnxiety)}
                    </option>
                  ))}
                </select>
              </td>
              <td data-label="Measured">
                <Score value={s.measured} empty="no answers yet" />
                {s.attempts > 0 ? (
                  <div className="hint">
                    from {s.attempts} {s.attempts === 1 ? "answer" : "answers"}
                  </div>
                ) : null}
                {s.overrated ? (
                  <div className="badge">Rated above what your answers show</div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit">Save self-scores</button>
    </Form>
  );
}
