import { data, redirect } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { formValuesOf, QUESTION_CHOICES } from "~/custom-questions/custom-question-form";
import { builderValuesOf } from "~/custom-questions/question-builder-form.server";
import { editorOf, QuestionEditor } from "~/custom-questions/question-editor";
import { saveFromBuilder, updateFromForm } from "~/custom-questions/save-custom-question.server";
import { requireOwnQuestion } from "~/custom-questions/require-own-question.server";
import { customQuestionId } from "~/question-bank/question-ids";
import { invariantResponse } from "~/utils/invariant.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { question } = await requireOwnQuestion(request, params.slug);
  const page = { slug: question.id, title: question.title, choices: QUESTION_CHOICES };
  return editorOf(request) === "yaml"
    ? { ...page, editor: "yaml" as const, values: formValuesOf(question) }
    : { ...page, editor: "fields" as const, values: builderValuesOf(question) };
}

/** The YAML form posts its `rubric`; the builder posts criteria and the button pressed. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, question } = await requireOwnQuestion(request, params.slug);
  const form = await request.formData();
  const done = `/questions/${customQuestionId(question.id)}`;
  if (form.has("rubric")) {
    const saved = updateFromForm(user.id, question.id, form);
    invariantResponse(saved, "Question not found");
    if (!saved.ok) {
      // A blur's revalidation (Conform's validate intent) is answered, never saved.
      const status = saved.result.status === "error" ? 400 : 200;
      return data({ editor: "yaml" as const, result: saved.result }, { status });
    }
    throw redirect(done);
  }
  const outcome = saveFromBuilder(user.id, form, question.id);
  invariantResponse(outcome, "Question not found");
  if (outcome.saved) throw redirect(done);
  const { saved: _saved, status, ...shown } = outcome;
  return data({ editor: "fields" as const, ...shown }, { status });
}

export default function EditQuestionPage() {
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { slug, title } = loaded;
  return (
    <section className="question-form">
      <h1>Edit “{title}”</h1>
      <p className="hint">
        Rounds that already asked it keep the version they asked, so past reports do not change.
      </p>
      <QuestionEditor
        loaded={loaded}
        answer={answer}
        choices={loaded.choices}
        path={`/questions/custom/${slug}/edit`}
        fixedId={slug}
        saveLabel="Save changes"
      />
      <p className="question-links">
        <Link to={`/questions/${customQuestionId(slug)}`}>Back to the question</Link>
        <Link to={`/questions/custom/${slug}/delete`}>Delete this question</Link>
      </p>
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Edit ${data.title} · Rehearse` : "Edit question · Rehearse" },
];
