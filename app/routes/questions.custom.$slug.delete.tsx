import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "~/utils/zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/form-errors";
import { deleteCustomQuestion } from "~/custom-questions/custom-questions.server";
import { requireOwnQuestion } from "~/custom-questions/require-own-question.server";
import { customQuestionId } from "~/question-bank/question-ids";
import { formError, parseForm } from "~/utils/forms";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { question } = await requireOwnQuestion(request, params.slug);
  return { slug: question.id, title: question.title };
}

/** The confirmation travels with the form, so a stray POST deletes nothing. */
const confirmSchema = z.object({
  confirm: z.literal("delete", { error: "Confirm the deletion with the button." }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, question } = await requireOwnQuestion(request, params.slug);
  const form = parseForm(confirmSchema, await request.formData());
  if (!form.ok)
    return data(formError("Confirm the deletion with the button.", form.values), { status: 400 });
  deleteCustomQuestion(user.id, question.id);
  throw redirect("/questions?deleted=1");
}

export default function DeleteQuestionPage() {
  const { slug, title } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="narrow">
      <h1>Delete this question?</h1>
      <p>
        <strong>{title}</strong> will no longer be offered for practice or export. Rounds that asked
        it keep their copy, so your answers and grades stay in your history.
      </p>
      <Form method="post" className="stack">
        <FormErrors errors={result?.errors.form} />
        <input type="hidden" name="confirm" value="delete" />
        <button type="submit" className="danger" disabled={busy}>
          Delete question
        </button>
      </Form>
      <p>
        <Link to={`/questions/${customQuestionId(slug)}`}>Keep the question</Link>
      </p>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Delete question · Rehearse" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
