import { data, redirect } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useSearchParams } from "@remix-run/react";
import { credentialsSchema } from "~/auth/auth-forms";
import { limitSignupAttempt, passOnRetryAfter, tooManyAttempts } from "~/auth/rate-limit.server";
import { assertSameOrigin } from "~/auth/same-origin.server";
import { getUser, safeRedirect, startSession } from "~/auth/session.server";
import { createUser } from "~/auth/users.server";
import { CredentialsForm } from "~/components/credentials-form";
import { clientIp } from "~/security/client-ip.server";
import { parseSubmission } from "~/utils/submission.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const submission = parseSubmission(await request.formData(), { schema: credentialsSchema });
  if (submission.status !== "success")
    return data(submission.reply({ hideFields: ["password"] }), {
      status: submission.status === "error" ? 400 : 200,
    });
  const { username, password, redirectTo } = submission.value;
  // Only forms that would create an account count: a typo costs nothing, probing taken names does.
  const limited = await limitSignupAttempt(clientIp(context));
  if (limited) return tooManyAttempts(limited, submission, ["password"]);
  const user = await createUser(username, password);
  if (!user)
    return data(
      submission.reply({
        formErrors: ["That username is taken. Pick another."],
        hideFields: ["password"],
      }),
      { status: 400 },
    );
  return startSession(user.id, safeRedirect(redirectTo, "/rounds/new"));
}

export default function SignupPage() {
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <section className="narrow">
      <h1>Sign up</h1>
      <p>Your rounds, answers and stories are private to your account.</p>
      <CredentialsForm
        id="signup"
        submitLabel="Sign up"
        passwordAutoComplete="new-password"
        redirectTo={params.get("redirectTo") ?? "/rounds/new"}
        lastResult={lastResult}
      />
    </section>
  );
}

export const headers = passOnRetryAfter;

export const meta: MetaFunction = () => [{ title: "Sign up · Rehearse" }];
