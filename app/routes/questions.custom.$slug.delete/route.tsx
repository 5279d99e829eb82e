import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { ConfirmDeletionForm } from "~/components/confirm-deletion-form";
import { deleteCustomQuestion } from "~/custom-questions/custom-questions.server";
import { requireOwnQuestion } from "~/custom-questions/require-own-question.server";
import { customQuestionId } from "~/question-bank/question-ids";
import { deleteOnConfirmation } from "~/utils/confirm-deletion.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { question } = await requireOwnQuestion(request, params.slug);
  return { slug: question.id, title: question.title };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, question } = await requireOwnQuestion(request, params.slug);
  return deleteOnConfirmation(request, () => deleteCustomQuestion(user.id, question.id), {
    to: "/questions",
    text: "Your question was deleted. Rounds that asked it keep their copy.",
  });
}

export default function DeleteQuestionPage() {
  const { slug, title } = useLoaderData<typeof loader>();
  return (
    <section className="narrow">
      <h1>Delete this question?</h1>
      <p>
        <strong>{title}</strong> will no longer be offered for practice or export. Rounds that asked
        it keep their copy, so your answers and grades stay in your history.
      </p>
      <ConfirmDeletionForm label="Delete question" />
      <p>
        <Link to={`/questions/${customQuestionId(slug)}`}>Keep the question</Link>
      </p>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Delete question · Rehearse" }];
