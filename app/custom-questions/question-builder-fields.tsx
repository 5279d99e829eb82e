import {
  getFieldsetProps,
  getInputProps,
  getTextareaProps,
  type FieldMetadata,
} from "@conform-to/react";
import type { ReactNode } from "react";
import { Field, type DescribedBy } from "~/components/field";
import { ErrorList } from "~/components/form-errors";
import {
  QuestionAboutFields,
  QuestionAnswerFields,
  type QuestionFieldsMeta,
} from "./custom-question-fields";
import {
  ADD_CRITERION_ID,
  addKeyPointId,
  CRITERIA_MAX,
  CRITERIA_MIN,
  fieldId,
  INTENT,
  KEY_POINTS_MAX,
  misconceptionCount,
  type CriterionValues,
  type KeyPointValues,
  type QuestionChoices,
} from "./question-builder";

interface Shared {
  /** The id of the element to focus when the page shows (the new row after "Add", say). */
  focus: string | null;
  busy: boolean;
}

/**
 * The question builder's fields: the question, its criteria (each a fieldset
 * with its key points, each a fieldset too) and its answers, every one wired
 * by its Conform metadata. Every button is a submit button with
 * `name="intent"`: the server answers "Add key point" with the same values and
 * one row more, so it works without JavaScript. Ids and misconceptions ride
 * along in hidden fields, so editing keeps them.
 */
export function QuestionBuilderFields({
  fields,
  focus,
  busy,
  choices,
  fixedId,
  yamlHref,
}: Shared & {
  fields: QuestionFieldsMeta & { criteria: FieldMetadata<CriterionValues[]> };
  choices: QuestionChoices;
  fixedId?: string;
  /** The advanced editor, where misconceptions are written. */
  yamlHref: string;
}) {
  const shared = { focus, busy };
  const criteria = fields.criteria.getFieldList();
  return (
    <>
      <h2>The question</h2>
      <QuestionAboutFields fields={fields} choices={choices} fixedId={fixedId} />

      <h2 id="rubric-heading">How answers are graded</h2>
      <p id="criteria-hint" className="hint">
        {CRITERIA_MIN} to {CRITERIA_MAX} criteria. The grader scores each from 1 to 5 and weighs
        them into the overall score; each criterion lists the key points a strong answer makes.
      </p>
      <ErrorList id={fields.criteria.errorId} errors={fields.criteria.errors} />
      {criteria.map((criterion, c) => (
        <CriterionFields key={c} meta={criterion} c={c} yamlHref={yamlHref} {...shared} />
      ))}
      {criteria.length < CRITERIA_MAX ? (
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
      <QuestionAnswerFields fields={fields} />
    </>
  );
}

function CriterionFields({
  meta,
  c,
  yamlHref,
  focus,
  busy,
}: Shared & { meta: FieldMetadata<CriterionValues>; c: number; yamlHref: string }) {
  const shared = { focus, busy };
  const criterion = meta.getFieldset();
  const keyPoints = criterion.keyPoints.getFieldList();
  const misconceptions = criterion.misconceptions.initialValue ?? "";
  return (
    <fieldset className="criterion" {...getFieldsetProps(meta)}>
      <legend>Criterion {c + 1}</legend>
      <input {...getInputProps(criterion.id, { type: "hidden" })} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
      <BuilderField {...shared} meta={criterion.name} label="Name">
        {(props, autoFocus) => (
          <input
            {...getInputProps(criterion.name, { type: "text", ...props })}
            autoFocus={autoFocus}
          />
        )}
      </BuilderField>
      <BuilderField
        {...shared}
        meta={criterion.weight}
        label="Weight"
        hint="How much it counts beside the other criteria: more than 0, at most 10. Weights need not add up to anything."
      >
        {(props, autoFocus) => (
          <input
            {...getInputProps(criterion.weight, { type: "number", ...props })}
            autoFocus={autoFocus}
            inputMode="decimal"
            min={0.1}
            max={10}
            step="any"
          />
        )}
      </BuilderField>
      <BuilderField {...shared} meta={criterion.description} label="What a 5 looks like">
        {(props, autoFocus) => (
          <textarea
            {...getTextareaProps(criterion.description, props)}
            autoFocus={autoFocus}
            rows={2}
          />
        )}
      </BuilderField>

      <p className="builder-subhead">Key points: what the interviewer listens for</p>
      <ErrorList id={criterion.keyPoints.errorId} errors={criterion.keyPoints.errors} />
      {keyPoints.map((point, k) => (
        <KeyPointFields key={k} meta={point} c={c} k={k} {...shared} />
      ))}
      {misconceptions !== "" ? (
        <>
          <input {...getInputProps(criterion.misconceptions, { type: "hidden" })} />
          <p id={criterion.misconceptions.descriptionId} className="hint">
            {misconceptionCount(misconceptions) === 1
              ? "1 misconception (a wrong claim that costs points) is kept as it is"
              : `${misconceptionCount(misconceptions)} misconceptions (wrong claims that cost points) are kept as they are`}
            ; <a href={yamlHref}>edit misconceptions in the YAML editor</a>.
          </p>
          <ErrorList
            id={criterion.misconceptions.errorId}
            errors={criterion.misconceptions.errors}
          />
        </>
      ) : null}
      <div className="builder-actions">
        {keyPoints.length < KEY_POINTS_MAX ? (
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

function KeyPointFields({
  meta,
  c,
  k,
  focus,
  busy,
}: Shared & { meta: FieldMetadata<KeyPointValues>; c: number; k: number }) {
  const shared = { focus, busy };
  const point = meta.getFieldset();
  return (
    <fieldset className="key-point" {...getFieldsetProps(meta)}>
      <legend>
        Key point {k + 1}
        <span className="visually-hidden"> of criterion {c + 1}</span>
      </legend>
      <input {...getInputProps(point.id, { type: "hidden" })} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
      <BuilderField {...shared} meta={point.point} label="The point, as a sentence">
        {(props, autoFocus) => (
          <textarea {...getTextareaProps(point.point, props)} autoFocus={autoFocus} rows={2} />
        )}
      </BuilderField>
      <BuilderField
        {...shared}
        meta={point.phrasings}
        label="Phrasings that count as making it"
        hint="One per line: words an answer may use to make the point, such as “safe to retry”."
      >
        {(props, autoFocus) => (
          <textarea {...getTextareaProps(point.phrasings, props)} autoFocus={autoFocus} rows={3} />
        )}
      </BuilderField>
      <BuilderField
        {...shared}
        meta={point.meaning}
        label="In plain words (optional)"
        hint="What the point means, in 10 characters or more: the grader then credits it when an answer says it in other words."
      >
        {(props, autoFocus) => (
          <textarea {...getTextareaProps(point.meaning, props)} autoFocus={autoFocus} rows={2} />
        )}
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
}

/** A field of a builder row, focused when it was just added (its id is the one the server names). */
function BuilderField({
  meta,
  label,
  hint,
  focus,
  children,
}: Shared & {
  meta: FieldMetadata<string>;
  label: ReactNode;
  hint?: ReactNode;
  children: (describedBy: DescribedBy, autoFocus: true | undefined) => ReactNode;
}) {
  return (
    <Field meta={meta} label={label} hint={hint} className="builder-field">
      {(describedBy) => children(describedBy, focus === meta.id || undefined)}
    </Field>
  );
}

/** Where a problem's link in the list at the top goes: the field, or the errors of a row or list. */
export function problemAnchor(name: string): string {
  const isControl =
    /^(id|title|kind|prompt|skills|competencies|minutes|strong|weak|probes|tips)$|\.(name|weight|description|point|phrasings|meaning)$/.test(
      name,
    );
  return isControl ? fieldId(name) : `${fieldId(name)}-error`;
}
