import { data, redirect } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useSearchParams } from "@remix-run/react";
import { credentialsSchema } from "~/auth/auth-forms";
import {
  forgetLoginFailures,
  limitLoginAttempt,
  passOnRetryAfter,
  tooManyAttempts,
} from "~/auth/rate-limit.server";
import { assertSameOrigin } from "~/auth/same-origin.server";
import { getUser, safeRedirect, startSession } from "~/auth/session.server";
import { verifyLogin } from "~/auth/users.server";
import { CredentialsForm } from "~/components/credentials-form";
import { clientIp } from "~/security/client-ip.server";
import { parseSubmission } from "~/utils/submission.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

/** One message for every failure, so the form does not reveal which usernames exist. */
const WRONG = "Username or password is wrong.";

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const submission = parseSubmission(await request.formData(), { schema: credentialsSchema });
  const wrong = (status = 400) => {
    // The rules' own messages (too short, bad characters) would tell which part was wrong.
    const reply = submission.reply({ formErrors: [WRONG], hideFields: ["password"] });
    return data({ ...reply, error: { "": [WRONG] } }, { status });
  };
  // No status: a field checked on blur, which is no attempt at logging in.
  if (submission.status === undefined) return wrong(200);
  const username = submission.status === "success" ? submission.value.username : null;
  // Counted before the password is checked: see rate-limit.server.ts.
  const limited = await limitLoginAttempt(clientIp(context), username);
  if (limited) return tooManyAttempts(limited, submission, ["password"]);
  if (submission.status !== "success") return wrong();
  const { password, redirectTo } = submission.value;
  const user = await verifyLogin(submission.value.username, password);
  if (!user) return wrong();
  await forgetLoginFailures(clientIp(context), submission.value.username);
  return startSession(user.id, safeRedirect(redirectTo));
}

export default function LoginPage() {
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <section className="narrow">
      <h1>Log in</h1>
      <CredentialsForm
        id="login"
        submitLabel="Log in"
        passwordAutoComplete="current-password"
        redirectTo={params.get("redirectTo") ?? "/"}
        lastResult={lastResult}
      />
    </section>
  );
}

export const headers = passOnRetryAfter;

export const meta: MetaFunction = () => [{ title: "Log in · Rehearse" }];
