import { data, redirect } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { NEW_QUESTION_VALUES, QUESTION_CHOICES } from "~/custom-questions/custom-question-form";
import { NEW_BUILDER_VALUES } from "~/custom-questions/question-builder-form.server";
import { editorOf, QuestionEditor } from "~/custom-questions/question-editor";
import { createFromForm, saveFromBuilder } from "~/custom-questions/save-custom-question.server";
import { customQuestionId } from "~/question-bank/question-ids";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const choices = QUESTION_CHOICES;
  return editorOf(request) === "yaml"
    ? { choices, editor: "yaml" as const, values: NEW_QUESTION_VALUES }
    : { choices, editor: "fields" as const, values: NEW_BUILDER_VALUES };
}

/** The YAML form posts its `rubric`; the builder posts criteria and the button pressed. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  if (form.has("rubric")) {
    const saved = createFromForm(user.id, form);
    if (!saved.ok) {
      // A blur's revalidation (Conform's validate intent) is answered, never saved.
      const status = saved.result.status === "error" ? 400 : 200;
      return data({ editor: "yaml" as const, result: saved.result }, { status });
    }
    throw redirect(`/questions/${customQuestionId(saved.question.id)}`);
  }
  const outcome = saveFromBuilder(user.id, form)!;
  if (outcome.saved) throw redirect(`/questions/${customQuestionId(outcome.question.id)}`);
  const { saved: _saved, status, ...shown } = outcome;
  return data({ editor: "fields" as const, ...shown }, { status });
}

export default function NewQuestionPage() {
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <section className="question-form">
      <h1>Write your own question</h1>
      <p className="hint">
        Only you can see, practise and export it. It is checked by the same rules as the bank&apos;s
        question files, so the grader can score answers to it criterion by criterion. To add many at
        once, <Link to="/questions/import">import a pack</Link>.
      </p>
      <QuestionEditor
        loaded={loaded}
        answer={answer}
        choices={loaded.choices}
        path="/questions/new"
        saveLabel="Save question"
      />
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "New question · Rehearse" }];
