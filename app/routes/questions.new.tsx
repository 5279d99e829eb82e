import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/form-errors";
import { NEW_QUESTION_VALUES } from "~/custom-questions/custom-question-form";
import { CustomQuestionFields } from "~/custom-questions/custom-question-fields";
import { createFromForm } from "~/custom-questions/save-custom-question.server";
import { customQuestionId } from "~/question-bank/question-ids";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const saved = createFromForm(user.id, await request.formData());
  if (!saved.ok) return data({ errors: saved.errors, values: saved.values }, { status: 400 });
  throw redirect(`/questions/${customQuestionId(saved.question.id)}`);
}

export default function NewQuestionPage() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="question-form">
      <h1>Write your own question</h1>
      <p className="hint">
        Only you can see, practise and export it. It is checked by the same rules as the bank&apos;s
        question files, so the grader can score answers to it criterion by criterion. To add many at
        once, <Link to="/questions/import">import a pack</Link>.
      </p>
      <Form method="post" className="stack" noValidate>
        <FormErrors errors={result?.errors.form} />
        <CustomQuestionFields
          values={result?.values ?? NEW_QUESTION_VALUES}
          errors={result?.errors.fields ?? {}}
        />
        <button type="submit" disabled={busy}>
          Save question
        </button>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "New question · Rehearse" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
