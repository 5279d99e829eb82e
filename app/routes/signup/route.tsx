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
import { formError, parseForm } from "~/utils/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = parseForm(credentialsSchema, await request.formData());
  if (!form.ok) return data(form, { status: 400 });
  const { username, password, redirectTo } = form.data;
  // Only forms that would create an account count: a typo costs nothing, probing taken names does.
  const limited = await limitSignupAttempt(clientIp(context));
  if (limited) return tooManyAttempts(limited, { username });
  const user = await createUser(username, password);
  if (!user)
    return data(formError("That username is taken. Pick another.", { username }), { status: 400 });
  return startSession(user.id, safeRedirect(redirectTo, "/rounds/new"));
}

export default function SignupPage() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <section className="narrow">
      <h1>Sign up</h1>
      <p>Your rounds, answers and stories are private to your account.</p>
      <CredentialsForm
        submitLabel="Sign up"
        passwordAutoComplete="new-password"
        redirectTo={params.get("redirectTo") ?? "/rounds/new"}
        result={result}
      />
    </section>
  );
}

export const headers = passOnRetryAfter;

export const meta: MetaFunction = () => [{ title: "Sign up · Rehearse" }];
