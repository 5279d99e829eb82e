import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { deleteAccountSchema, type DeleteAccount } from "~/auth/auth-forms";
import { checkOwnPassword } from "~/auth/confirm-password.server";
import { accountContents, deleteAccount } from "~/auth/delete-account.server";
import { passOnRetryAfter, tooManyAttempts } from "~/auth/rate-limit.server";
import { endSession, requireUser } from "~/auth/session.server";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { ErrorList } from "~/components/form-errors";
import { PasswordField } from "~/components/password-field";
import { flashNotice } from "~/utils/notice.server";
import { parseSubmission } from "~/utils/submission.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { username: user.username, ...accountContents(user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseSubmission(await request.formData(), { schema: deleteAccountSchema });
  const hideFields = ["password"];
  if (submission.status !== "success")
    return data(submission.reply({ hideFields }), {
      status: submission.status === "error" ? 400 : 200,
    });
  const check = await checkOwnPassword(context, user, submission.value.password);
  if (typeof check === "object") return tooManyAttempts(check, submission, hideFields);
  if (check === "wrong")
    return data(
      submission.reply({
        fieldErrors: { password: ["That password is wrong. Nothing was deleted."] },
        hideFields,
      }),
      { status: 400 },
    );
  deleteAccount(user);
  // The sessions went with the account; this clears the browser's cookie too.
  const response = await endSession(request, { redirectTo: "/" });
  response.headers.append(
    "Set-Cookie",
    await flashNotice({
      type: "success",
      text: "Your account and all its data were deleted, and you were logged out.",
    }),
  );
  return response;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export default function DeleteAccountPage() {
  const { username, rounds, stories, questions } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm<DeleteAccount>({
    id: "delete-account",
    lastResult,
    shouldRevalidate: "onBlur",
  });
  return (
    <section className="narrow">
      <h1>Delete your account?</h1>
      <p>
        The account <strong>{username}</strong> and everything in it will be deleted at once, and
        you will be logged out:
      </p>
      <ul>
        <li>
          {plural(rounds, "round", "rounds")}, with every question asked, answer, unsent draft,
          follow-up answer, voice recording and grade
        </li>
        <li>
          {plural(stories, "story", "stories")} in your story bank, and which answers told them
        </li>
        <li>{plural(questions, "question", "questions")} of your own</li>
        <li>your preferences, skill self-scores and grading usage</li>
        <li>every session: each browser and device signed in as you is logged out</li>
      </ul>
      <p>
        This cannot be undone, and the username becomes free for anyone to take.{" "}
        <a href="/export.json">Download all your data as JSON</a> first if you want a copy.
      </p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <PasswordField
          meta={fields.password}
          label="Your password, to confirm"
          autoComplete="current-password"
        />
        <button type="submit" className="danger" disabled={busy}>
          Delete my account and all its data
        </button>
      </Form>
      <p>
        <Link to="/account">Keep my account</Link>
      </p>
    </section>
  );
}

export const headers = passOnRetryAfter;

export const meta: MetaFunction = () => [{ title: "Delete account · Rehearse" }];
