import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import type { Credentials } from "~/auth/auth-forms";
import { USERNAME_MAX } from "~/auth/credential-limits";
import { Field } from "./field";
import { ErrorList } from "./form-errors";
import { PasswordField } from "./password-field";

/** The log-in and sign-up form: the same two fields, told apart by their button and password autocomplete. */
export function CredentialsForm({
  id,
  submitLabel,
  passwordAutoComplete,
  redirectTo,
  lastResult,
}: {
  id: "login" | "signup";
  submitLabel: string;
  passwordAutoComplete: "current-password" | "new-password";
  redirectTo: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm<Credentials>({ id, lastResult, shouldRevalidate: "onBlur" });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <Field meta={fields.username} label="Username">
        {(describedBy) => (
          <input
            {...getInputProps(fields.username, { type: "text", ...describedBy })}
            autoComplete="username"
            required
            maxLength={USERNAME_MAX}
          />
        )}
      </Field>
      <PasswordField meta={fields.password} label="Password" autoComplete={passwordAutoComplete} />
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
