import { CheckOptions, ChoiceField, Field } from "~/components/unmigrated-field";
import { formFields } from "~/utils/form-fields";
import type { FormValues } from "~/utils/forms";
import type { QuestionChoices } from "./question-builder";

type Errors = Record<string, string[] | undefined>;

interface FieldsProps {
  values: FormValues;
  errors: Errors;
}

/**
 * The fields of a custom question, shared by "new" and "edit" and by both
 * ways of writing the rubric: the builder (question-builder-fields.tsx) puts
 * its criteria between the question's fields and its answers, the advanced
 * form a YAML rubric, written like the bank's files (see docs/decisions/007).
 * Every field names its hint and its errors through aria-describedby. Free
 * of zod: the pick-lists' options come from the loader.
 */
export function CustomQuestionFields({
  values,
  errors,
  choices,
  fixedId,
}: FieldsProps & { choices: QuestionChoices; fixedId?: string }) {
  return (
    <>
      <QuestionAboutFields values={values} errors={errors} choices={choices} fixedId={fixedId} />
      <RubricYamlField values={values} errors={errors} />
      <QuestionAnswerFields values={values} errors={errors} />
    </>
  );
}

/** The question itself: id, title, kind, prompt, skills, competencies, bands, roles and minutes. */
export function QuestionAboutFields({
  values,
  errors,
  choices,
  fixedId,
}: FieldsProps & {
  choices: QuestionChoices;
  /** Editing: the id is shown, not editable (changing it would split the question's history). */
  fixedId?: string;
}) {
  const { list, field } = formFields(values, errors);
  return (
    <>
      {fixedId ? (
        <p>
          Id: <code>{fixedId}</code>
        </p>
      ) : (
        <Field
          {...field("id")}
          label="Id"
          hint="Lower-case words joined by hyphens, such as explain-kafka. It names the question in packs and cannot change later."
        >
          {(props) => <input {...props} required />}
        </Field>
      )}
      <Field {...field("title")} label="Title">
        {(props) => <input {...props} required />}
      </Field>
      <Field {...field("kind")} label="Kind">
        {(props) => (
          <select {...props}>
            {choices.kinds.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field {...field("prompt")} label="The question as the interviewer asks it">
        {(props) => <textarea {...props} rows={4} required />}
      </Field>
      <Field
        {...field("skills")}
        label="Skills"
        hint="Separated by commas, such as kafka, messaging, system-design."
      >
        {(props) => <input {...props} required />}
      </Field>
      <Field
        {...field("competencies")}
        label="Competencies (behavioural questions)"
        hint="Separated by commas, such as incident, ownership. May be empty."
      >
        {(props) => <input {...props} />}
      </Field>
      <ChoiceField name="bands" legend="Experience bands (years)" errors={errors.bands}>
        <CheckOptions
          name="bands"
          options={choices.bands}
          isChecked={(band) => list("bands").includes(band)}
        />
      </ChoiceField>
      <ChoiceField name="roles" legend="Roles" errors={errors.roles}>
        <CheckOptions
          name="roles"
          options={choices.roles}
          isChecked={(role) => list("roles").includes(role)}
        />
      </ChoiceField>
      <Field {...field("minutes")} label="Minutes to answer">
        {(props) => <input {...props} type="number" min={1} max={60} required />}
      </Field>
    </>
  );
}

/** The rubric as YAML, the advanced way to write it. */
export function RubricYamlField({ values, errors }: FieldsProps) {
  const { field } = formFields(values, errors);
  return (
    <Field
      {...field("rubric")}
      label="Rubric (YAML)"
      hint="3 to 6 criteria, each with an id, a name, a weight (how much it counts), a description of a 5, its key points (id, point, and the phrasings that count as saying it) and, optionally, the misconceptions that cost points (claim, phrasings, correction). Problems are named by their place, such as “Criterion 2, key point 1”."
    >
      {(props) => <textarea {...props} rows={18} className="code" spellCheck={false} required />}
    </Field>
  );
}

/** What the grader and the candidate see around the rubric: example answers, follow-up probes and tips. */
export function QuestionAnswerFields({ values, errors }: FieldsProps) {
  const { field } = formFields(values, errors);
  return (
    <>
      <Field
        {...field("strong")}
        label="A strong answer"
        hint="Shown only once the question has been answered."
      >
        {(props) => <textarea {...props} rows={6} required />}
      </Field>
      <Field {...field("weak")} label="A weak answer">
        {(props) => <textarea {...props} rows={3} required />}
      </Field>
      <Field
        {...field("probes")}
        label="Follow-up probes"
        hint="One per line, at least two: what an interviewer asks next."
      >
        {(props) => <textarea {...props} rows={4} required />}
      </Field>
      <Field {...field("tips")} label="Tips" hint="One per line, shown before answering.">
        {(props) => <textarea {...props} rows={3} required />}
      </Field>
    </>
  );
}
