import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useSearchParams } from "@remix-run/react";
import { credentialsSchema } from "~/auth/auth-forms";
import { assertSameOrigin } from "~/auth/same-origin.server";
import { getUser, safeRedirect, startSession } from "~/auth/session.server";
import { verifyLogin } from "~/auth/users.server";
import { CredentialsForm } from "~/components/credentials-form";
import { formError, parseForm } from "~/utils/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = parseForm(credentialsSchema, await request.formData());
  // One message for every failure, so the form does not reveal which usernames exist.
  const wrong = "Username or password is wrong.";
  if (!form.ok) return data(formError(wrong, form.values), { status: 400 });
  const { username, password, redirectTo } = form.data;
  const user = await verifyLogin(username, password);
  if (!user) return data(formError(wrong, { username }), { status: 400 });
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

export const meta: MetaFunction = () => [{ title: "Log in · Rehearse" }];
