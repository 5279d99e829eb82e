import {
  getFormProps,
  getInputProps,
  getTextareaProps,
  useForm,
  type DefaultValue,
  type SubmissionResult,
} from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { STAR_FIELDS, STORY_LIMITS, type StarField } from "~/stories/story-limits";
import type { StoryFormInput } from "~/stories/story-schemas";
import { skillLabel } from "~/question-bank/skill-label";
import { CheckOptions } from "./check-options";
import { ChoiceField, Field } from "./field";
import { ErrorList } from "./form-errors";

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

/** A list field's value as a form holds it: one value arrives as a string, none as undefined. */
const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === "string" && value ? [value] : [];

/** The one form for writing and editing a story; a rejected post comes back with what was typed, so nothing is lost. */
export function StoryForm({
  defaultValue,
  lastResult,
  options,
  submitLabel,
}: {
  defaultValue: DefaultValue<StoryFormInput>;
  lastResult: SubmissionResult<string[]> | undefined;
  options: { competencies: string[]; skills: string[] };
  submitLabel: string;
}) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm<StoryFormInput>({
    id: "story",
    lastResult,
    defaultValue,
    shouldRevalidate: "onBlur",
  });
  // A competency already on the story (or pre-filled from a question) is offered even if it is new to the user.
  const competencies = [
    ...new Set([...options.competencies, ...asList(fields.competencies.initialValue)]),
  ];
  const skills = [...new Set([...options.skills, ...asList(fields.skills.initialValue)])];

  return (
    <Form method="post" className="stack story-form" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} />
      {fields.answerId.initialValue ? (
        <input {...getInputProps(fields.answerId, { type: "hidden" })} />
      ) : null}
      <Field
        meta={fields.title}
        label="Title"
        hint="A name you will recognise in a list, e.g. “Checkout outage on Black Friday”."
      >
        {(describedBy) => (
          <input
            {...getInputProps(fields.title, { type: "text", ...describedBy })}
            required
            maxLength={STORY_LIMITS.title}
          />
        )}
      </Field>
      {STAR_FIELDS.map((part) => (
        <Field
          key={part}
          meta={fields[part]}
          label={LABELS[part]}
          hint={STAR_HINTS[part]}
          className="stack"
        >
          {(describedBy) => (
            <textarea
              {...getTextareaProps(fields[part], describedBy)}
              rows={part === "action" ? 7 : 4}
              maxLength={STORY_LIMITS.part}
            />
          )}
        </Field>
      ))}
      <Field
        meta={fields.metric}
        label="Metric"
        hint="The number that proves the result, e.g. “p95 latency 900 ms → 120 ms”."
      >
        {(describedBy) => (
          <input
            {...getInputProps(fields.metric, { type: "text", ...describedBy })}
            maxLength={STORY_LIMITS.metric}
          />
        )}
      </Field>
      <ChoiceField meta={fields.competencies} legend="Competencies it shows">
        <div className="check-grid">
          <CheckOptions meta={fields.competencies} options={competencies} />
        </div>
        <Field
          meta={fields.ownCompetencies}
          label="Your own competencies"
          hint="Separated by commas, e.g. “on-call, hiring”."
        >
          {(describedBy) => (
            <input
              {...getInputProps(fields.ownCompetencies, { type: "text", ...describedBy })}
              maxLength={STORY_LIMITS.ownField}
            />
          )}
        </Field>
      </ChoiceField>
      <ChoiceField meta={fields.skills} legend="Skills it shows">
        <div className="check-grid">
          <CheckOptions meta={fields.skills} options={skills} label={skillLabel} />
        </div>
      </ChoiceField>
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
