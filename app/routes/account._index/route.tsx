import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { changePasswordSchema, PASSWORD_MAX, PASSWORD_MIN } from "~/auth/auth-forms";
import { checkOwnPassword } from "~/auth/confirm-password.server";
import { passOnRetryAfter, tooManyAttempts } from "~/auth/rate-limit.server";
import { currentSessionId, requireUser } from "~/auth/session.server";
import { setPassword } from "~/auth/users.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/form-errors";
import { PasswordField } from "~/components/password-field";
import { fieldError, parseForm } from "~/utils/forms";
import { redirectWithNotice } from "~/utils/notice.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { username: user.username };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = parseForm(changePasswordSchema, await request.formData());
  // A form the rules refuse checks no password, so it costs no attempt (as a sign-up typo costs nothing).
  if (!form.ok) return data(form, { status: 400 });
  const { currentPassword, newPassword } = form.data;
  const check = await checkOwnPassword(context, user, currentPassword);
  if (typeof check === "object") return tooManyAttempts(check, {});
  if (check === "wrong")
    return data(fieldError("currentPassword", "Your current password is wrong."), { status: 400 });
  // Whoever else holds a session (a lost laptop, a stolen cookie) is logged out; this browser stays in.
  await setPassword(user.username, newPassword, { keepSessionId: await currentSessionId(request) });
  throw await redirectWithNotice("/account", {
    type: "success",
    text: "Your password was changed. Every other browser and device signed in as you was logged out.",
  });
}

export default function AccountPage() {
  const { username } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const fields = result?.errors.fields ?? {};
  return (
    <section className="narrow">
      <h1>Account</h1>
      <p>
        Signed in as <strong>{username}</strong>.
      </p>
      <h2>Change password</h2>
      <Form method="post" className="stack" noValidate>
        <FormErrors errors={result?.errors.form} />
        <PasswordField
          name="currentPassword"
          label="Current password"
          autoComplete="current-password"
          errors={fields.currentPassword}
        />
        <PasswordField
          name="newPassword"
          label="New password"
          autoComplete="new-password"
          errors={fields.newPassword}
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
