import { CheckOptions } from "~/components/check-options";
import { FormErrors } from "~/components/form-errors";
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
  const { text, list, invalid, describedBy } = formFields(values, errors);
  return (
    <>
      {fixedId ? (
        <p>
          Id: <code>{fixedId}</code>
        </p>
      ) : (
        <>
          <label htmlFor="id">Id</label>
          <input
            id="id"
            name="id"
            required
            defaultValue={text("id")}
            aria-invalid={invalid("id")}
            aria-describedby={describedBy("id", "id-hint")}
          />
          <p id="id-hint" className="hint">
            Lower-case words joined by hyphens, such as explain-kafka. It names the question in
            packs and cannot change later.
          </p>
          <FormErrors id="id-errors" errors={errors.id} />
        </>
      )}
      <label htmlFor="title">Title</label>
      <input
        id="title"
        name="title"
        required
        defaultValue={text("title")}
        aria-invalid={invalid("title")}
        aria-describedby={describedBy("title")}
      />
      <FormErrors id="title-errors" errors={errors.title} />

      <label htmlFor="kind">Kind</label>
      <select
        id="kind"
        name="kind"
        defaultValue={text("kind")}
        aria-invalid={invalid("kind")}
        aria-describedby={describedBy("kind")}
      >
        {choices.kinds.map((kind) => (
          <option key={kind} value={kind}>
            {kind}
          </option>
        ))}
      </select>
      <FormErrors id="kind-errors" errors={errors.kind} />

      <label htmlFor="prompt">The question as the interviewer asks it</label>
      <textarea
        id="prompt"
        name="prompt"
        rows={4}
        required
        defaultValue={text("prompt")}
        aria-invalid={invalid("prompt")}
        aria-describedby={describedBy("prompt")}
      />
      <FormErrors id="prompt-errors" errors={errors.prompt} />

      <label htmlFor="skills">Skills</label>
      <input
        id="skills"
        name="skills"
        required
        defaultValue={text("skills")}
        aria-invalid={invalid("skills")}
        aria-describedby={describedBy("skills", "skills-hint")}
      />
      <p id="skills-hint" className="hint">
        Separated by commas, such as kafka, messaging, system-design.
      </p>
      <FormErrors id="skills-errors" errors={errors.skills} />

      <label htmlFor="competencies">Competencies (behavioural questions)</label>
      <input
        id="competencies"
        name="competencies"
        defaultValue={text("competencies")}
        aria-invalid={invalid("competencies")}
        aria-describedby={describedBy("competencies", "competencies-hint")}
      />
      <p id="competencies-hint" className="hint">
        Separated by commas, such as incident, ownership. May be empty.
      </p>
      <FormErrors id="competencies-errors" errors={errors.competencies} />

      <fieldset aria-describedby={describedBy("bands")}>
        <legend>Experience bands (years)</legend>
        <CheckOptions
          name="bands"
          options={choices.bands}
          isChecked={(band) => list("bands").includes(band)}
        />
        <FormErrors id="bands-errors" errors={errors.bands} />
      </fieldset>

      <fieldset aria-describedby={describedBy("roles")}>
        <legend>Roles</legend>
        <CheckOptions
          name="roles"
          options={choices.roles}
          isChecked={(role) => list("roles").includes(role)}
        />
        <FormErrors id="roles-errors" errors={errors.roles} />
      </fieldset>

      <label htmlFor="minutes">Minutes to answer</label>
      <input
        id="minutes"
        name="minutes"
        type="number"
        min={1}
        max={60}
        required
        defaultValue={text("minutes")}
        aria-invalid={invalid("minutes")}
        aria-describedby={describedBy("minutes")}
      />
      <FormErrors id="minutes-errors" errors={errors.minutes} />
    </>
  );
}

/** The rubric as YAML, the advanced way to write it. */
export function RubricYamlField({ values, errors }: FieldsProps) {
  const { text, invalid, describedBy } = formFields(values, errors);
  return (
    <>
      <label htmlFor="rubric">Rubric (YAML)</label>
      <textarea
        id="rubric"
        name="rubric"
        rows={18}
        className="code"
        spellCheck={false}
        required
        defaultValue={text("rubric")}
        aria-invalid={invalid("rubric")}
        aria-describedby={describedBy("rubric", "rubric-hint")}
      />
      <p id="rubric-hint" className="hint">
        3 to 6 criteria, each with an id, a name, a weight (how much it counts), a description of a
        5, its key points (id, point, and the phrasings that count as saying it) and, optionally,
        the misconceptions that cost points (claim, phrasings, correction). Problems are named by
        their place, such as “Criterion 2, key point 1”.
      </p>
      <FormErrors id="rubric-errors" errors={errors.rubric} />
    </>
  );
}

/** What the grader and the candidate see around the rubric: example answers, follow-up probes and tips. */
export function QuestionAnswerFields({ values, errors }: FieldsProps) {
  const { text, invalid, describedBy } = formFields(values, errors);
  return (
    <>
      <label htmlFor="strong">A strong answer</label>
      <textarea
        id="strong"
        name="strong"
        rows={6}
        required
        defaultValue={text("strong")}
        aria-invalid={invalid("strong")}
        aria-describedby={describedBy("strong", "strong-hint")}
      />
      <p id="strong-hint" className="hint">
        Shown only once the question has been answered.
      </p>
      <FormErrors id="strong-errors" errors={errors.strong} />

      <label htmlFor="weak">A weak answer</label>
      <textarea
        id="weak"
        name="weak"
        rows={3}
        required
        defaultValue={text("weak")}
        aria-invalid={invalid("weak")}
        aria-describedby={describedBy("weak")}
      />
      <FormErrors id="weak-errors" errors={errors.weak} />

      <label htmlFor="probes">Follow-up probes</label>
      <textarea
        id="probes"
        name="probes"
        rows={4}
        required
        defaultValue={text("probes")}
        aria-invalid={invalid("probes")}
        aria-describedby={describedBy("probes", "probes-hint")}
      />
      <p id="probes-hint" className="hint">
        One per line, at least two: what an interviewer asks next.
      </p>
      <FormErrors id="probes-errors" errors={errors.probes} />

      <label htmlFor="tips">Tips</label>
      <textarea
        id="tips"
        name="tips"
        rows={3}
        required
        defaultValue={text("tips")}
        aria-invalid={invalid("tips")}
        aria-describedby={describedBy("tips", "tips-hint")}
      />
      <p id="tips-hint" className="hint">
        One per line, shown before answering.
      </p>
      <FormErrors id="tips-errors" errors={errors.tips} />
    </>
  );
}
