import { useEffect, useState } from "react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { FormErrors } from "~/components/form-errors";
import type { FormErrors as Errors, FormValues } from "~/utils/forms";
import { CustomQuestionFields } from "./custom-question-fields";
import { INTENT, PROBLEMS_ID, type BuilderValues, type QuestionChoices } from "./question-builder";
import { problemAnchor, QuestionBuilderFields } from "./question-builder-fields";

/** The two ways to write a question: form fields (the default) or, advanced, the rubric as YAML. */
export type Editor = "fields" | "yaml";

export type EditorState =
  | { editor: "yaml"; values: FormValues; errors?: Errors }
  | {
      editor: "fields";
      values: BuilderValues;
      errors?: Errors;
      focus?: string | null;
      said?: string | null;
    };

/** The editor a page asks for: `?editor=yaml` opens the YAML form, anything else the builder. */
export function editorOf(request: Request): Editor {
  return new URL(request.url).searchParams.get("editor") === "yaml" ? "yaml" : "fields";
}

/**
 * The form of "write your own question" and "edit": the builder, or the YAML
 * form behind a link. Both post to the same action, which tells them apart by
 * the YAML form's `rubric` field. Plain links switch editors, so it works
 * without JavaScript; switching starts again from what is saved.
 */
export function QuestionEditor({
  state,
  choices,
  path,
  fixedId,
  saveLabel,
}: {
  /** The action's answer when there is one, else the loader's values. */
  state: EditorState;
  choices: QuestionChoices;
  /** The page's path, without `?editor=…`. */
  path: string;
  fixedId?: string;
  saveLabel: string;
}) {
  const busy = useNavigation().state === "submitting";
  // Each answer of the action draws the form afresh: after a row is removed, the rows below move up,
  // and inputs kept from before would still show what was typed into the rows they used to be.
  const revision = useChangeCount(state);
  const focus = state.editor === "fields" ? (state.focus ?? null) : null;
  // Without JavaScript the `autofocus` attribute moves focus on the new page; with it, React honours
  // autoFocus on controls only, so the problem list (a region) is focused here.
  useEffect(() => {
    if (focus) document.getElementById(focus)?.focus();
  }, [focus, revision]);
  const yamlHref = `${path}?editor=yaml`;
  const errors = state.errors ?? { form: [], fields: {} };
  return (
    <>
      <nav className="editor-switch" aria-label="How to write the rubric">
        <Link to={path} aria-current={state.editor === "fields" ? "page" : undefined}>
          Form fields
        </Link>
        <Link to={yamlHref} aria-current={state.editor === "yaml" ? "page" : undefined}>
          Advanced: write the rubric as YAML
        </Link>
      </nav>
      <p className="hint">Switching between them starts again from what is saved.</p>
      {state.editor === "yaml" ? (
        <Form key={revision} method="post" className="stack" noValidate>
          <FormErrors errors={errors.form} />
          <CustomQuestionFields
            values={state.values}
            errors={errors.fields}
            choices={choices}
            fixedId={fixedId}
          />
          <button type="submit" disabled={busy}>
            {saveLabel}
          </button>
        </Form>
      ) : (
        <>
          <p role="status" className="visually-hidden">
            {state.said ?? ""}
          </p>
          <Form
            key={revision}
            method="post"
            className="stack question-builder"
            noValidate
            preventScrollReset
          >
            {/* The first submit button is the one Enter in a field presses: saving, never removing a row. */}
            <button type="submit" name="intent" value={INTENT.save} hidden tabIndex={-1}>
              {saveLabel}
            </button>
            <Problems errors={errors} focus={focus} />
            <QuestionBuilderFields
              values={state.values}
              errors={errors.fields}
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
      )}
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
