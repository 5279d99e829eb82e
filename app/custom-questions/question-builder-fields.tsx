import type { ComponentProps } from "react";
import { Field } from "~/components/unmigrated-field";
import { FormErrors } from "~/components/form-errors";
import type { FormValues } from "~/utils/forms";
import { QuestionAboutFields, QuestionAnswerFields } from "./custom-question-fields";
import {
  ADD_CRITERION_ID,
  addKeyPointId,
  CRITERIA,
  CRITERIA_MAX,
  CRITERIA_MIN,
  criterionField,
  criterionPlace,
  fieldId,
  INTENT,
  KEY_POINTS_MAX,
  keyPointField,
  keyPointPlace,
  keyPointsPlace,
  misconceptionCount,
  type BuilderValues,
  type CriterionValues,
  type QuestionChoices,
} from "./question-builder";

type Errors = Record<string, string[] | undefined>;

interface Shared {
  errors: Errors;
  /** The id of the element to focus when the page shows (the new row after "Add", say). */
  focus: string | null;
  busy: boolean;
}

/**
 * The question builder's fields: the question, its criteria (each a fieldset
 * with its key points, each a fieldset too) and its answers. Every button is
 * a submit button with `name="intent"`: the server answers "Add key point" with
 * the same values and one row more, so it works without JavaScript. Ids and
 * misconceptions ride along in hidden fields, so editing keeps them.
 */
export function QuestionBuilderFields({
  values,
  errors,
  focus,
  busy,
  choices,
  fixedId,
  yamlHref,
}: Shared & {
  values: BuilderValues;
  choices: QuestionChoices;
  fixedId?: string;
  /** The advanced editor, where misconceptions are written. */
  yamlHref: string;
}) {
  const top = topValues(values);
  const shared = { errors, focus, busy };
  const count = values.criteria.length;
  return (
    <>
      <h2>The question</h2>
      <QuestionAboutFields values={top} errors={errors} choices={choices} fixedId={fixedId} />

      <h2 id="rubric-heading">How answers are graded</h2>
      <p id="criteria-hint" className="hint">
        {CRITERIA_MIN} to {CRITERIA_MAX} criteria. The grader scores each from 1 to 5 and weighs
        them into the overall score; each criterion lists the key points a strong answer makes.
      </p>
      <FormErrors id={`${fieldId(CRITERIA)}-errors`} errors={errors[CRITERIA]} />
      {values.criteria.map((criterion, c) => (
        <CriterionFields key={c} criterion={criterion} c={c} yamlHref={yamlHref} {...shared} />
      ))}
      {count < CRITERIA_MAX ? (
        <button
          type="submit"
          name="intent"
          value={INTENT.addCriterion}
          id={ADD_CRITERION_ID}
          className="secondary builder-add"
          aria-describedby="criteria-hint"
          autoFocus={focus === ADD_CRITERION_ID}
          disabled={busy}
        >
          Add criterion
        </button>
      ) : (
        <p className="hint">A question has at most {CRITERIA_MAX} criteria.</p>
      )}

      <h2>Example answers, follow-ups and tips</h2>
      <QuestionAnswerFields values={top} errors={errors} />
    </>
  );
}

function CriterionFields({
  criterion,
  c,
  yamlHref,
  errors,
  focus,
  busy,
}: Shared & { criterion: CriterionValues; c: number; yamlHref: string }) {
  const shared = { errors, focus, busy };
  const place = criterionPlace(c);
  const placeErrorsId = `${fieldId(place)}-errors`;
  const listErrorsId = `${fieldId(keyPointsPlace(c))}-errors`;
  const misconceptionsName = criterionField(c, "misconceptions");
  const misconceptionsErrors = errors[misconceptionsName];
  const misconceptions = misconceptionCount(criterion.misconceptions);
  const points = criterion.keyPoints.length;
  return (
    <fieldset className="criterion" aria-describedby={errors[place] ? placeErrorsId : undefined}>
      <legend>Criterion {c + 1}</legend>
      <input type="hidden" name={criterionField(c, "id")} value={criterion.id} />
      <FormErrors id={placeErrorsId} errors={errors[place]} />
      <BuilderField
        {...shared}
        name={criterionField(c, "name")}
        label="Name"
        value={criterion.name}
      >
        {(props) => <input {...props} />}
      </BuilderField>
      <BuilderField
        {...shared}
        name={criterionField(c, "weight")}
        label="Weight"
        value={criterion.weight}
        hint="How much it counts beside the other criteria: more than 0, at most 10. Weights need not add up to anything."
      >
        {(props) => (
          <input {...props} type="number" inputMode="decimal" min={0.1} max={10} step="any" />
        )}
      </BuilderField>
      <BuilderField
        {...shared}
        name={criterionField(c, "description")}
        label="What a 5 looks like"
        value={criterion.description}
      >
        {(props) => <textarea {...props} rows={2} />}
      </BuilderField>

      <p className="builder-subhead" id={`${fieldId(place)}-points-hint`}>
        Key points: what the interviewer listens for
      </p>
      <FormErrors id={listErrorsId} errors={errors[keyPointsPlace(c)]} />
      {criterion.keyPoints.map((point, k) => {
        const pointPlace = keyPointPlace(c, k);
        const pointErrorsId = `${fieldId(pointPlace)}-errors`;
        return (
          <fieldset
            key={k}
            className="key-point"
            aria-describedby={errors[pointPlace] ? pointErrorsId : undefined}
          >
            <legend>
              Key point {k + 1}
              <span className="visually-hidden"> of criterion {c + 1}</span>
            </legend>
            <input type="hidden" name={keyPointField(c, k, "id")} value={point.id} />
            <FormErrors id={pointErrorsId} errors={errors[pointPlace]} />
            <BuilderField
              {...shared}
              name={keyPointField(c, k, "point")}
              label="The point, as a sentence"
              value={point.point}
            >
              {(props) => <textarea {...props} rows={2} />}
            </BuilderField>
            <BuilderField
              {...shared}
              name={keyPointField(c, k, "phrasings")}
              label="Phrasings that count as making it"
              value={point.phrasings}
              hint="One per line: words an answer may use to make the point, such as “safe to retry”."
            >
              {(props) => <textarea {...props} rows={3} />}
            </BuilderField>
            <BuilderField
              {...shared}
              name={keyPointField(c, k, "meaning")}
              label="In plain words (optional)"
              value={point.meaning}
              hint="What the point means, in 10 characters or more: the grader then credits it when an answer says it in other words."
            >
              {(props) => <textarea {...props} rows={2} />}
            </BuilderField>
            <button
              type="submit"
              name="intent"
              value={INTENT.removeKeyPoint(c, k)}
              className="secondary builder-remove"
              disabled={busy}
            >
              Remove key point {k + 1}
              <span className="visually-hidden"> of criterion {c + 1}</span>
            </button>
          </fieldset>
        );
      })}
      {criterion.misconceptions !== "" ? (
        <>
          <input type="hidden" name={misconceptionsName} value={criterion.misconceptions} />
          <p id={`${fieldId(misconceptionsName)}-hint`} className="hint">
            {misconceptions === 1
              ? "1 misconception (a wrong claim that costs points) is kept as it is"
              : `${misconceptions} misconceptions (wrong claims that cost points) are kept as they are`}
            ; <a href={yamlHref}>edit misconceptions in the YAML editor</a>.
          </p>
          <FormErrors id={`${fieldId(misconceptionsName)}-errors`} errors={misconceptionsErrors} />
        </>
      ) : null}
      <div className="builder-actions">
        {points < KEY_POINTS_MAX ? (
          <button
            type="submit"
            name="intent"
            value={INTENT.addKeyPoint(c)}
            id={addKeyPointId(c)}
            className="secondary"
            autoFocus={focus === addKeyPointId(c)}
            disabled={busy}
          >
            Add key point<span className="visually-hidden"> to criterion {c + 1}</span>
          </button>
        ) : (
          <p className="hint">A criterion has at most {KEY_POINTS_MAX} key points.</p>
        )}
        <button
          type="submit"
          name="intent"
          value={INTENT.removeCriterion(c)}
          className="secondary builder-remove"
          disabled={busy}
        >
          Remove criterion {c + 1}
        </button>
      </div>
    </fieldset>
  );
}

/** A field of a builder row: its id made from its dotted name, focused when it was just added. */
function BuilderField({
  errors,
  focus,
  busy: _busy,
  name,
  ...field
}: Shared & Omit<ComponentProps<typeof Field>, "id" | "errors" | "autoFocus" | "className">) {
  const id = fieldId(name);
  return (
    <Field
      {...field}
      name={name}
      id={id}
      errors={errors[name]}
      autoFocus={focus === id}
      className="builder-field"
    />
  );
}

/** The question's own fields, as the shared fields read them. */
function topValues({ criteria: _criteria, ...top }: BuilderValues): FormValues {
  return top;
}

/** Where a problem's link in the list at the top goes: the field, or the errors of a row or list. */
export function problemAnchor(name: string): string {
  const isControl =
    /^(id|title|kind|prompt|skills|competencies|minutes|strong|weak|probes|tips)$|\.(name|weight|description|point|phrasings|meaning)$/.test(
      name,
    );
  return isControl ? fieldId(name) : `${fieldId(name)}-errors`;
}
