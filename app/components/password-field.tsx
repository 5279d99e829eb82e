import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { PASSWORD_MAX } from "~/auth/credential-limits";
import { Field } from "./field";

/** One password input with its label, hint and errors. Never prefilled: the action hides it from its reply too. */
export function PasswordField<Value>({
  meta,
  label,
  autoComplete,
  hint,
}: {
  meta: FieldMetadata<Value>;
  label: string;
  autoComplete: "current-password" | "new-password";
  hint?: string;
}) {
  return (
    <Field meta={meta} label={label} hint={hint}>
      {(describedBy) => (
        <input
          {...getInputProps(meta, { type: "password", value: false, ...describedBy })}
          autoComplete={autoComplete}
          required
          maxLength={PASSWORD_MAX}
        />
      )}
    </Field>
  );
}
