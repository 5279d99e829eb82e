import { Form, useNavigation } from "@remix-run/react";
import { PASSWORD_MAX, USERNAME_MAX } from "~/auth/auth-forms";
import type { FormErrors as Errors, FormValues } from "~/utils/forms";
import { FormErrors } from "./form-errors";

export function CredentialsForm({
  submitLabel,
  passwordAutoComplete,
  redirectTo,
  result,
}: {
  submitLabel: string;
  passwordAutoComplete: "current-password" | "new-password";
  redirectTo: string;
  result?: { errors: Errors; values: FormValues };
}) {
  const busy = useNavigation().state === "submitting";
  const fields = result?.errors.fields ?? {};
  const username = result?.values.username;
  return (
    <Form method="post" className="stack" noValidate>
      <FormErrors errors={result?.errors.form} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <label htmlFor="username">Username</label>
      <input
        id="username"
        name="username"
        autoComplete="username"
        required
        maxLength={USERNAME_MAX}
        defaultValue={typeof username === "string" ? username : ""}
        aria-invalid={fields.username ? true : undefined}
        aria-describedby={fields.username ? "username-errors" : undefined}
      />
      <FormErrors id="username-errors" errors={fields.username} />
      <label htmlFor="password">Password</label>
      <input
        id="password"
        name="password"
        type="password"
        autoComplete={passwordAutoComplete}
        required
        maxLength={PASSWORD_MAX}
        aria-invalid={fields.password ? true : undefined}
        aria-describedby={fields.password ? "password-errors" : undefined}
      />
      <FormErrors id="password-errors" errors={fields.password} />
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
