import { getInputProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { CheckOptions } from "~/components/check-options";
import { ChoiceField, Field, SelectField } from "~/components/field";
import type { QuestionChoices, QuestionTextValues, YamlFormValues } from "./question-builder";

/** The Conform metadata of the question's own fields, from the YAML form or the builder. */
export type QuestionFieldsMeta = {
  [K in keyof QuestionTextValues]: FieldMetadata<QuestionTextValues[K]>;
};

/**
 * The fields of a custom question, shared by "new" and "edit" and by both
 * ways of writing the rubric: the builder (question-builder-fields.tsx) puts
 * its criteria between the question's fields and its answers, the advanced
 * form a YAML rubric, written like the bank's files (see docs/decisions/007).
 * Ids, labels, hints and errors come from each field's Conform metadata. Free
 * of zod: the pick-lists' options come from the loader.
 */
export function CustomQuestionFields({
  fields,
  choices,
  fixedId,
}: {
  fields: QuestionFieldsMeta & { rubric: FieldMetadata<YamlFormValues["rubric"]> };
  choices: QuestionChoices;
  fixedId?: string;
}) {
  return (
    <>
      <QuestionAboutFields fields={fields} choices={choices} fixedId={fixedId} />
      <RubricYamlField meta={fields.rubric} />
      <QuestionAnswerFields fields={fields} />
    </>
  );
}

/** The question itself: id, title, kind, prompt, skills, competencies, bands, roles and minutes. */
export function QuestionAboutFields({
  fields,
  choices,
  fixedId,
}: {
  fields: QuestionFieldsMeta;
  choices: QuestionChoices;
  /** Editing: the id is shown, not editable (changing it would split the question's history). */
  fixedId?: string;
}) {
  return (
    <>
      {fixedId ? (
        <p>
          Id: <code>{fixedId}</code>
        </p>
      ) : (
        <Field
          meta={fields.id}
          label="Id"
          hint="Lower-case words joined by hyphens, such as explain-kafka. It names the question in packs and cannot change later."
        >
          {(describedBy) => (
            <input {...getInputProps(fields.id, { type: "text", ...describedBy })} required />
          )}
        </Field>
      )}
      <Field meta={fields.title} label="Title">
        {(describedBy) => (
          <input {...getInputProps(fields.title, { type: "text", ...describedBy })} required />
        )}
      </Field>
      <SelectField meta={fields.kind} label="Kind" options={choices.kinds} />
      <Field meta={fields.prompt} label="The question as the interviewer asks it">
        {(describedBy) => (
          <textarea {...getTextareaProps(fields.prompt, describedBy)} rows={4} required />
        )}
      </Field>
      <Field
        meta={fields.skills}
        label="Skills"
        hint="Separated by commas, such as kafka, messaging, system-design."
      >
        {(describedBy) => (
          <input {...getInputProps(fields.skills, { type: "text", ...describedBy })} required />
        )}
      </Field>
      <Field
        meta={fields.competencies}
        label="Competencies (behavioural questions)"
        hint="Separated by commas, such as incident, ownership. May be empty."
      >
        {(describedBy) => (
          <input {...getInputProps(fields.competencies, { type: "text", ...describedBy })} />
        )}
      </Field>
      <ChoiceField meta={fields.bands} legend="Experience bands (years)">
        <CheckOptions meta={fields.bands} options={choices.bands} />
      </ChoiceField>
      <ChoiceField meta={fields.roles} legend="Roles">
        <CheckOptions meta={fields.roles} options={choices.roles} />
      </ChoiceField>
      <Field meta={fields.minutes} label="Minutes to answer">
        {(describedBy) => (
          <input
            {...getInputProps(fields.minutes, { type: "number", ...describedBy })}
            min={1}
            max={60}
            required
          />
        )}
      </Field>
    </>
  );
}

/** The rubric as YAML, the advanced way to write it. */
export function RubricYamlField({ meta }: { meta: FieldMetadata<string> }) {
  return (
    <Field
      meta={meta}
      label="Rubric (YAML)"
      hint="3 to 6 criteria, each with an id, a name, a weight (how much it counts), a description of a 5, its key points (id, point, and the phrasings that count as saying it) and, optionally, the misconceptions that cost points (claim, phrasings, correction). Problems are named by their place, such as “Criterion 2, key point 1”."
    >
      {(describedBy) => (
        <textarea
          {...getTextareaProps(meta, describedBy)}
          rows={18}
          className="code"
          spellCheck={false}
          required
        />
      )}
    </Field>
  );
}

/** What the grader and the candidate see around the rubric: example answers, follow-up probes and tips. */
export function QuestionAnswerFields({ fields }: { fields: QuestionFieldsMeta }) {
  return (
    <>
      <Field
        meta={fields.strong}
        label="A strong answer"
        hint="Shown only once the question has been answered."
      >
        {(describedBy) => (
          <textarea {...getTextareaProps(fields.strong, describedBy)} rows={6} required />
        )}
      </Field>
      <Field meta={fields.weak} label="A weak answer">
        {(describedBy) => (
          <textarea {...getTextareaProps(fields.weak, describedBy)} rows={3} required />
        )}
      </Field>
      <Field
        meta={fields.probes}
        label="Follow-up probes"
        hint="One per line, at least two: what an interviewer asks next."
      >
        {(describedBy) => (
          <textarea {...getTextareaProps(fields.probes, describedBy)} rows={4} required />
        )}
      </Field>
      <Field meta={fields.tips} label="Tips" hint="One per line, shown before answering.">
        {(describedBy) => (
          <textarea {...getTextareaProps(fields.tips, describedBy)} rows={3} required />
        )}
      </Field>
    </>
  );
}
