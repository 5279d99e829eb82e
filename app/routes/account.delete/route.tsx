import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { deleteAccountSchema } from "~/auth/auth-forms";
import { checkOwnPassword } from "~/auth/confirm-password.server";
import { accountContents, deleteAccount } from "~/auth/delete-account.server";
import { passOnRetryAfter, tooManyAttempts } from "~/auth/rate-limit.server";
import { endSession, requireUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/form-errors";
import { PasswordField } from "~/components/password-field";
import { fieldError, parseForm } from "~/utils/forms";
import { flashNotice } from "~/utils/notice.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { username: user.username, ...accountContents(user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = parseForm(deleteAccountSchema, await request.formData());
  if (!form.ok) return data(form, { status: 400 });
  const check = await checkOwnPassword(context, user, form.data.password);
  if (typeof check === "object") return tooManyAttempts(check, {});
  if (check === "wrong")
    return data(fieldError("password", "That password is wrong. Nothing was deleted."), {
      status: 400,
    });
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
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
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
      <Form method="post" className="stack" noValidate>
        <FormErrors errors={result?.errors.form} />
        <PasswordField
          name="password"
          label="Your password, to confirm"
          autoComplete="current-password"
          errors={result?.errors.fields.password}
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
