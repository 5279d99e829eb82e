import { PASSWORD_MAX } from "~/auth/auth-forms";
import { FormErrors } from "./form-errors";

/** One password input with its label, hint and errors wired for assistive technology. Never prefilled. */
export function PasswordField({
  name,
  label,
  autoComplete,
  errors,
  hint,
}: {
  name: string;
  label: string;
  autoComplete: "current-password" | "new-password";
  errors: string[] | undefined;
  hint?: string;
}) {
  const described = [hint ? `${name}-hint` : null, errors ? `${name}-errors` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <>
      <label htmlFor={name}>{label}</label>
      {hint ? (
        <p id={`${name}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <input
        id={name}
        name={name}
        type="password"
        autoComplete={autoComplete}
        required
        maxLength={PASSWORD_MAX}
        aria-invalid={errors ? true : undefined}
        aria-describedby={described || undefined}
      />
      <FormErrors id={`${name}-errors`} errors={errors} />
    </>
  );
}
