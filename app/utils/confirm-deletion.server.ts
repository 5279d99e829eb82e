import { data } from "@remix-run/node";
import { parseSubmission } from "./submission.server";
import { z } from "./zod";

/**
 * The confirmation travels with the form, so a stray POST (or a crawler)
 * deletes nothing. Checked on the whole form, so the message is the form's:
 * the hidden field has nowhere to show one.
 */
const confirmDeletionSchema = z
  .object({ confirm: z.string().optional() })
  .refine((form) => form.confirm === "delete", "Confirm the deletion with the button.");

/**
 * The 400 to return when a delete form arrives without its confirmation, or
 * null when the deletion is confirmed. Every "delete …" action asks this first.
 */
export function missingConfirmation(formData: FormData) {
  const submission = parseSubmission(formData, { schema: confirmDeletionSchema });
  if (submission.status === "success") return null;
  return data(submission.reply(), { status: 400 });
}
