import { useEffect, useState } from "react";
import { getFormProps, useForm, type DefaultValue, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { ErrorList } from "~/components/form-errors";
import type { FormErrors as Errors } from "~/utils/forms";
import { CustomQuestionFields } from "./custom-question-fields";
import {
  BUILDER_FORM_ID,
  INTENT,
  PROBLEMS_ID,
  type BuilderValues,
  type QuestionChoices,
  type YamlFormValues,
} from "./question-builder";
import { problemAnchor, QuestionBuilderFields } from "./question-builder-fields";

/** The two ways to write a question: form fields (the default) or, advanced, the rubric as YAML. */
export type Editor = "fields" | "yaml";

/** What a page's loader sends: the editor asked for and the values it starts from. */
export type EditorStart =
  | { editor: "yaml"; values: DefaultValue<YamlFormValues> }
  | { editor: "fields"; values: BuilderValues };

/** What the action answers when it does not save: the YAML form's Conform reply, or the builder's rows. */
export type EditorAnswer =
  | { editor: "yaml"; result: SubmissionResult<string[]> }
  | {
      editor: "fields";
      values: BuilderValues;
      errors: Errors;
      focus: string | null;
      said: string | null;
    };

/** The editor a page asks for: `?editor=yaml` opens the YAML form, anything else the builder. */
export function editorOf(request: Request): Editor {
  return new URL(request.url).searchParams.get("editor") === "yaml" ? "yaml" : "fields";
}

interface FormProps {
  choices: QuestionChoices;
  fixedId?: string;
  saveLabel: string;
  busy: boolean;
}

/**
 * The form of "write your own question" and "edit": the builder, or the YAML
 * form behind a link. Both post to the same action, which tells them apart by
 * the YAML form's `rubric` field. Plain links switch editors, so it works
 * without JavaScript; switching starts again from what is saved.
 */
export function QuestionEditor({
  loaded,
  answer,
  choices,
  path,
  fixedId,
  saveLabel,
}: {
  loaded: EditorStart;
  /** The action's answer, when there is one. */
  answer: EditorAnswer | undefined;
  choices: QuestionChoices;
  /** The page's path, without `?editor=…`. */
  path: string;
  fixedId?: string;
  saveLabel: string;
}) {
  const busy = useNavigation().state === "submitting";
  // Each answer of the action draws the builder afresh: after a row is removed, the rows below move up,
  // and inputs kept from before would still show what was typed into the rows they used to be.
  const revision = useChangeCount(answer);
  const editor = answer?.editor ?? loaded.editor;
  const yamlHref = `${path}?editor=yaml`;
  const shared = { choices, fixedId, saveLabel, busy };
  return (
    <>
      <nav className="editor-switch" aria-label="How to write the rubric">
        <Link to={path} aria-current={editor === "fields" ? "page" : undefined}>
          Form fields
        </Link>
        <Link to={yamlHref} aria-current={editor === "yaml" ? "page" : undefined}>
          Advanced: write the rubric as YAML
        </Link>
      </nav>
      <p className="hint">Switching between them starts again from what is saved.</p>
      {editor === "yaml" ? (
        // Not redrawn per answer: its blur revalidations answer too, and Conform takes each reply in place.
        <YamlForm
          defaultValue={loaded.editor === "yaml" ? loaded.values : undefined}
          lastResult={answer?.editor === "yaml" ? answer.result : undefined}
          {...shared}
        />
      ) : (
        <BuilderForm
          key={revision}
          shown={answer?.editor === "fields" ? answer : loaded.editor === "fields" ? loaded : null}
          revision={revision}
          yamlHref={yamlHref}
          {...shared}
        />
      )}
    </>
  );
}

/** The advanced form: the question's fields and its rubric as YAML, validated by the server on submit and on blur. */
function YamlForm({
  defaultValue,
  lastResult,
  choices,
  fixedId,
  saveLabel,
  busy,
}: FormProps & {
  defaultValue: DefaultValue<YamlFormValues> | undefined;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm<YamlFormValues>({
    id: "custom-question",
    lastResult,
    defaultValue,
    shouldRevalidate: "onBlur",
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} />
      <CustomQuestionFields fields={fields} choices={choices} fixedId={fixedId} />
      <button type="submit" disabled={busy}>
        {saveLabel}
      </button>
    </Form>
  );
}

/**
 * The builder. Its rows are added and removed by the server (intent buttons
 * it answers with the rows changed), so its answer is its own shape; Conform
 * is handed the values and the problems to wire every field. It never asks
 * the server to validate on blur: a post without a button is a save.
 */
function BuilderForm({
  shown,
  revision,
  yamlHref,
  choices,
  fixedId,
  saveLabel,
  busy,
}: FormProps & {
  shown: {
    values: BuilderValues;
    errors?: Errors;
    focus?: string | null;
    said?: string | null;
  } | null;
  revision: number;
  yamlHref: string;
}) {
  const errors = shown?.errors ?? { form: [], fields: {} };
  const refused = errors.form.length > 0 || Object.keys(errors.fields).length > 0;
  const [form, fields] = useForm<BuilderValues>({
    id: BUILDER_FORM_ID,
    defaultValue: shown?.values,
    lastResult: refused
      ? { status: "error", error: { "": errors.form, ...errors.fields } }
      : undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onSubmit",
  });
  const focus = shown?.focus ?? null;
  // Without JavaScript the `autofocus` attribute moves focus on the new page; with it, React honours
  // autoFocus on controls only, so the problem list (a region) is focused here.
  useEffect(() => {
    if (focus) document.getElementById(focus)?.focus();
  }, [focus, revision]);
  return (
    <>
      <p role="status" className="visually-hidden">
        {shown?.said ?? ""}
      </p>
      <Form
        method="post"
        className="stack question-builder"
        preventScrollReset
        {...getFormProps(form)}
      >
        {/* The first submit button is the one Enter in a field presses: saving, never removing a row. */}
        <button type="submit" name="intent" value={INTENT.save} hidden tabIndex={-1}>
          {saveLabel}
        </button>
        <Problems errors={errors} focus={focus} />
        <QuestionBuilderFields
          fields={fields}
          focus={focus}
          busy={busy}
          choices={choices}
          fixedId={fixedId}
          yamlHref={yamlHref}
        />
        <button type="submit" name="intent" value={INTENT.save} disabled={busy}>
          {saveLabel}
        </button>
      </Form>
    </>
  );
}

/** Every problem of a refused post at the top of the form, each linked to its field: the form is long. */
function Problems({ errors, focus }: { errors: Errors; focus: string | null }) {
  const fields = Object.entries(errors.fields).flatMap(([name, messages]) =>
    (messages ?? []).map((message) => ({ name, message })),
  );
  if (errors.form.length === 0 && fields.length === 0) return null;
  return (
    <div
      id={PROBLEMS_ID}
      className="problem-summary"
      tabIndex={-1}
      autoFocus={focus === PROBLEMS_ID}
      aria-labelledby={`${PROBLEMS_ID}-heading`}
      role="region"
    >
      <h2 id={`${PROBLEMS_ID}-heading`}>The question is not saved yet</h2>
      <ul className="form-errors">
        {errors.form.map((message) => (
          <li key={message}>{message}</li>
        ))}
        {fields.map(({ name, message }) => (
          <li key={`${name} ${message}`}>
            <a href={`#${problemAnchor(name)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A number that goes up each time `value` is a new object (each answer of the action). */
function useChangeCount(value: unknown): number {
  const [seen, setSeen] = useState({ value, count: 0 });
  if (seen.value !== value) {
    const next = { value, count: seen.count + 1 };
    setSeen(next);
    return next.count;
  }
  return seen.count;
}
