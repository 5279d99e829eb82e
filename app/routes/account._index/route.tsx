import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { changePasswordSchema, type ChangePassword } from "~/auth/auth-forms";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/credential-limits";
import { checkOwnPassword } from "~/auth/confirm-password.server";
import { passOnRetryAfter, tooManyAttempts } from "~/auth/rate-limit.server";
import { currentSessionId, requireUser } from "~/auth/session.server";
import { setPassword } from "~/auth/users.server";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { ErrorList } from "~/components/form-errors";
import { PasswordField } from "~/components/password-field";
import { redirectWithNotice } from "~/utils/notice.server";
import { parseSubmission } from "~/utils/submission.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { username: user.username };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseSubmission(await request.formData(), { schema: changePasswordSchema });
  const hideFields = ["currentPassword", "newPassword"];
  // A form the rules refuse checks no password, so it costs no attempt (as a sign-up typo costs nothing).
  if (submission.status !== "success")
    return data(submission.reply({ hideFields }), {
      status: submission.status === "error" ? 400 : 200,
    });
  const { currentPassword, newPassword } = submission.value;
  const check = await checkOwnPassword(context, user, currentPassword);
  if (typeof check === "object") return tooManyAttempts(check, submission, hideFields);
  if (check === "wrong")
    return data(
      submission.reply({
        fieldErrors: { currentPassword: ["Your current password is wrong."] },
        hideFields,
      }),
      { status: 400 },
    );
  // Whoever else holds a session (a lost laptop, a stolen cookie) is logged out; this browser stays in.
  await setPassword(user.username, newPassword, { keepSessionId: await currentSessionId(request) });
  throw await redirectWithNotice("/account", {
    type: "success",
    text: "Your password was changed. Every other browser and device signed in as you was logged out.",
  });
}

export default function AccountPage() {
  const { username } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm<ChangePassword>({
    id: "change-password",
    lastResult,
    shouldRevalidate: "onBlur",
  });
  return (
    <section className="narrow">
      <h1>Account</h1>
      <p>
        Signed in as <strong>{username}</strong>.
      </p>
      <h2>Change password</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <PasswordField
          meta={fields.currentPassword}
          label="Current password"
          autoComplete="current-password"
        />
        <PasswordField
          meta={fields.newPassword}
          label="New password"
          autoComplete="new-password"
          hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters. Every other session of yours is logged out; this one stays.`}
        />
        <button type="submit" disabled={busy}>
          Change password
        </button>
      </Form>
      <h2>Delete account</h2>
      <p>
        Remove your account and everything in it: rounds, answers, grades, stories and your own
        questions. <Link to="/account/delete">Delete your account…</Link>
      </p>
    </section>
  );
}

export const headers = passOnRetryAfter;

export const meta: MetaFunction = () => [{ title: "Account · Rehearse" }];
