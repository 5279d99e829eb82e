import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/form-errors";
import { formValuesOf } from "~/custom-questions/custom-question-form";
import { CustomQuestionFields } from "~/custom-questions/custom-question-fields";
import { updateFromForm } from "~/custom-questions/save-custom-question.server";
import { requireOwnQuestion } from "~/custom-questions/require-own-question.server";
import { customQuestionId } from "~/question-bank/question-ids";
import { invariantResponse } from "~/utils/invariant.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { question } = await requireOwnQuestion(request, params.slug);
  return { slug: question.id, title: question.title, values: formValuesOf(question) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, question } = await requireOwnQuestion(request, params.slug);
  const saved = updateFromForm(user.id, question.id, await request.formData());
  invariantResponse(saved, "Question not found");
  if (!saved.ok) return data({ errors: saved.errors, values: saved.values }, { status: 400 });
  throw redirect(`/questions/${customQuestionId(question.id)}`);
}

export default function EditQuestionPage() {
  const { slug, title, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="question-form">
      <h1>Edit “{title}”</h1>
      <p className="hint">
        Rounds that already asked it keep the version they asked, so past reports do not change.
      </p>
      <Form method="post" className="stack" noValidate>
        <FormErrors errors={result?.errors.form} />
        <CustomQuestionFields
          values={result?.values ?? values}
          errors={result?.errors.fields ?? {}}
          fixedId={slug}
        />
        <button type="submit" disabled={busy}>
          Save changes
        </button>
      </Form>
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
