import { Form, useNavigation } from "@remix-run/react";
import { FormErrors } from "./form-errors";

/** The one button of a "Delete …?" page, carrying the confirmation its action requires. */
export function ConfirmDeletionForm({
  errors,
  label,
}: {
  errors: string[] | undefined;
  label: string;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" className="stack">
      <FormErrors errors={errors} />
      <input type="hidden" name="confirm" value="delete" />
      <button type="submit" className="danger" disabled={busy}>
        {label}
      </button>
    </Form>
  );
}
