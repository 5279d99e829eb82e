import { Form, useNavigation } from "@remix-run/react";
import { STAR_FIELDS, STORY_LIMITS, type StarField } from "~/stories/story-schemas";
import { formFields } from "~/utils/form-fields";
import type { FormErrors as Errors, FormValues } from "~/utils/forms";
import { CheckOptions } from "./check-options";
import { ChoiceField, Field } from "./field";
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
  const { text, list, field } = formFields(values, fields);
  // A competency already on the story (or pre-filled from a question) is offered even if it is new to the user.
  const competencies = [...new Set([...options.competencies, ...list("competencies")])];
  const skills = [...new Set([...options.skills, ...list("skills")])];

  return (
    <Form method="post" className="stack story-form" key={JSON.stringify(values)}>
      <FormErrors errors={errors?.form} />
      {text("answerId") ? <input type="hidden" name="answerId" value={text("answerId")} /> : null}
      <Field
        {...field("title")}
        label="Title"
        hint="A name you will recognise in a list, e.g. “Checkout outage on Black Friday”."
      >
        {(props) => <input {...props} required maxLength={STORY_LIMITS.title} />}
      </Field>
      {STAR_FIELDS.map((part) => (
        <Field
          key={part}
          {...field(part)}
          label={LABELS[part]}
          hint={STAR_HINTS[part]}
          className="stack"
        >
          {(props) => (
            <textarea {...props} rows={part === "action" ? 7 : 4} maxLength={STORY_LIMITS.part} />
          )}
        </Field>
      ))}
      <Field
        {...field("metric")}
        label="Metric"
        hint="The number that proves the result, e.g. “p95 latency 900 ms → 120 ms”."
      >
        {(props) => <input {...props} maxLength={STORY_LIMITS.metric} />}
      </Field>
      <ChoiceField name="competencies" legend="Competencies it shows" errors={fields.competencies}>
        <div className="check-grid">
          <CheckOptions
            name="competencies"
            options={competencies}
            isChecked={(c) => list("competencies").includes(c)}
          />
        </div>
        <Field
          {...field("ownCompetencies")}
          label="Your own competencies"
          hint="Separated by commas, e.g. “on-call, hiring”."
        >
          {(props) => <input {...props} maxLength={STORY_LIMITS.ownField} />}
        </Field>
      </ChoiceField>
      <ChoiceField name="skills" legend="Skills it shows" errors={fields.skills}>
        <div className="check-grid">
          <CheckOptions
            name="skills"
            options={skills}
            label={skillLabel}
            isChecked={(s) => list("skills").includes(s)}
          />
        </div>
      </ChoiceField>
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
