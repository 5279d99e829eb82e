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
import { formError, parseForm } from "~/utils/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = parseForm(credentialsSchema, await request.formData());
  // Counted before the password is checked: see rate-limit.server.ts.
  const limited = await limitLoginAttempt(clientIp(context), form.ok ? form.data.username : null);
  if (limited)
    return tooManyAttempts(limited, form.ok ? { username: form.data.username } : form.values);
  // One message for every failure, so the form does not reveal which usernames exist.
  const wrong = "Username or password is wrong.";
  if (!form.ok) return data(formError(wrong, form.values), { status: 400 });
  const { username, password, redirectTo } = form.data;
  const user = await verifyLogin(username, password);
  if (!user) return data(formError(wrong, { username }), { status: 400 });
  await forgetLoginFailures(clientIp(context), username);
  return startSession(user.id, safeRedirect(redirectTo));
}

export default function LoginPage() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <section className="narrow">
      <h1>Log in</h1>
      <CredentialsForm
        submitLabel="Log in"
        passwordAutoComplete="current-password"
        redirectTo={params.get("redirectTo") ?? "/"}
        result={result}
      />
    </section>
  );
}

export const headers = passOnRetryAfter;

export const meta: MetaFunction = () => [{ title: "Log in · Rehearse" }];
