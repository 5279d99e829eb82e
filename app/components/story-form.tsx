import { Form, useNavigation } from "@remix-run/react";
import { STAR_FIELDS, STORY_LIMITS, type StarField } from "~/stories/story-forms";
import { formFields } from "~/utils/form-fields";
import type { FormErrors as Errors, FormValues } from "~/utils/forms";
import { CheckOptions } from "./check-options";
import { FormErrors } from "./form-errors";
import { skillLabel } from "~/question-bank/skill-label";

const STAR_HINTS: Record<StarField, string> = {
  situation: "Where and when, and what was at stake. One or two sentences.",
  task: "What you personally were responsible for, or the goal.",
  action: "The steps you took, in order, in the first person (“I…”), with the reason for each.",
  result: "How it ended, with the number that proves it, and what you learned.",
};

const LABELS: Record<StarField, string> = {
  situation: "Situation",
  task: "Task",
  action: "Action",
  result: "Result",
};

/** The one form for writing and editing a story; the values come back after a rejected post, so nothing typed is lost. */
export function StoryForm({
  values,
  errors,
  options,
  submitLabel,
}: {
  values: FormValues;
  errors?: Errors | null;
  options: { competencies: string[]; skills: string[] };
  submitLabel: string;
}) {
  const busy = useNavigation().state === "submitting";
  const fields = errors?.fields ?? {};
  const { text, list, invalid, describedBy } = formFields(values, fields);
  // A competency already on the story (or pre-filled from a question) is offered even if it is new to the user.
  const competencies = [...new Set([...options.competencies, ...list("competencies")])];
  const skills = [...new Set([...options.skills, ...list("skills")])];

  return (
    <Form method="post" className="stack story-form" key={JSON.stringify(values)}>
      <FormErrors errors={errors?.form} />
      {text("answerId") ? <input type="hidden" name="answerId" value={text("answerId")} /> : null}
      <label htmlFor="title">Title</label>
      <input
        id="title"
        name="title"
        required
        maxLength={STORY_LIMITS.title}
        defaultValue={text("title")}
        aria-invalid={invalid("title")}
        aria-describedby={describedBy("title", "title-hint")}
      />
      <p id="title-hint" className="hint">
        A name you will recognise in a list, e.g. “Checkout outage on Black Friday”.
      </p>
      <FormErrors id="title-errors" errors={fields.title} />
      {STAR_FIELDS.map((part) => (
        <div key={part} className="stack">
          <label htmlFor={part}>{LABELS[part]}</label>
          <textarea
            id={part}
            name={part}
            rows={part === "action" ? 7 : 4}
            maxLength={STORY_LIMITS.part}
            defaultValue={text(part)}
            aria-invalid={invalid(part)}
            aria-describedby={describedBy(part, `${part}-hint`)}
          />
          <p id={`${part}-hint`} className="hint">
            {STAR_HINTS[part]}
          </p>
          <FormErrors id={`${part}-errors`} errors={fields[part]} />
        </div>
      ))}
      <label htmlFor="metric">Metric</label>
      <input
        id="metric"
        name="metric"
        maxLength={STORY_LIMITS.metric}
        defaultValue={text("metric")}
        aria-invalid={invalid("metric")}
        aria-describedby={describedBy("metric", "metric-hint")}
      />
      <p id="metric-hint" className="hint">
        The number that proves the result, e.g. “p95 latency 900 ms → 120 ms”.
      </p>
      <FormErrors id="metric-errors" errors={fields.metric} />
      <fieldset aria-describedby={fields.competencies ? "competencies-errors" : undefined}>
        <legend>Competencies it shows</legend>
        <div className="check-grid">
          <CheckOptions
            name="competencies"
            options={competencies}
            isChecked={(c) => list("competencies").includes(c)}
          />
        </div>
        <FormErrors id="competencies-errors" errors={fields.competencies} />
        <label htmlFor="ownCompetencies">Your own competencies</label>
        <input
          id="ownCompetencies"
          name="ownCompetencies"
          maxLength={STORY_LIMITS.ownField}
          defaultValue={text("ownCompetencies")}
          aria-invalid={invalid("ownCompetencies")}
          aria-describedby={describedBy("ownCompetencies", "ownCompetencies-hint")}
        />
        <p id="ownCompetencies-hint" className="hint">
          Separated by commas, e.g. “on-call, hiring”.
        </p>
        <FormErrors id="ownCompetencies-errors" errors={fields.ownCompetencies} />
      </fieldset>
      <fieldset aria-describedby={fields.skills ? "skills-errors" : undefined}>
        <legend>Skills it shows</legend>
        <div className="check-grid">
          <CheckOptions
            name="skills"
            options={skills}
            label={skillLabel}
            isChecked={(s) => list("skills").includes(s)}
          />
        </div>
        <FormErrors id="skills-errors" errors={fields.skills} />
      </fieldset>
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
