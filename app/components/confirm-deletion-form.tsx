import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { ErrorList } from "./form-errors";

/**
 * The one button of a "Delete …?" page, carrying the confirmation its action
 * requires (utils/confirm-deletion.server.ts), and showing that action's refusal.
 */
export function ConfirmDeletionForm({ label }: { label: string }) {
  const lastResult = useActionData<SubmissionResult<string[]>>();
  const [form] = useForm({ id: "confirm-deletion", lastResult });
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} />
      <input type="hidden" name="confirm" value="delete" />
      <button type="submit" className="danger" disabled={busy}>
        {label}
      </button>
    </Form>
  );
}
