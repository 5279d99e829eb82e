import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { ErrorList } from "~/components/form-errors";
import { SELF_RATINGS, selfRatingText, type SkillReadiness } from "~/review/readiness";
import { Score } from "~/components/score";
import { useLowAnxiety } from "~/components/use-low-anxiety";
import { skillLabel } from "~/question-bank/skill-label";

/** What the matrix posts: one `skill` and one `score` per row, in the table's order. */
interface MatrixValues {
  skill: string[];
  score: string[];
}

/**
 * The self-scored skill matrix, with the measured score beside each rating. A
 * plain form: works without JavaScript. A refused save shows the ratings as
 * they were chosen, and the problem above the table.
 */
export function SkillMatrixForm({
  matrix,
  lastResult,
}: {
  matrix: SkillReadiness[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const lowAnxiety = useLowAnxiety();
  const [form, fields] = useForm<MatrixValues>({
    id: "skill-matrix",
    lastResult,
    defaultValue: {
      skill: matrix.map((s) => s.skill),
      score: matrix.map((s) => (s.self === null ? "" : String(s.self))),
    },
  });
  const scores = fields.score.initialValue ?? [];
  // A row's rating refused (score[3]) is said of the whole list: one message above the table.
  const errors = [
    ...new Set([
      ...(form.errors ?? []),
      ...Object.values(fields.score.allErrors).flat(),
      ...Object.values(fields.skill.allErrors).flat(),
    ]),
  ];
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={errors} />
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
                <input type="hidden" name={fields.skill.name} value={s.skill} />
                <select
                  id={`self-${s.skill}`}
                  name={fields.score.name}
                  defaultValue={scores[i] ?? ""}
                  aria-invalid={errors.length > 0 || undefined}
                  aria-describedby={errors.length > 0 ? form.errorId : undefined}
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
