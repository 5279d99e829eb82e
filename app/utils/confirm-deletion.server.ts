import { data } from "@remix-run/node";
import { redirectWithNotice } from "./notice.server";
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
 * Every "delete …" action: a form without its confirmation gets a 400 and
 * deletes nothing; a confirmed one runs `remove`, then goes to `to` with a
 * notice that says what went.
 */
export async function deleteOnConfirmation(
  request: Request,
  remove: () => void,
  after: { to: string; text: string },
) {
  const submission = parseSubmission(await request.formData(), { schema: confirmDeletionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  remove();
  throw await redirectWithNotice(after.to, { type: "success", text: after.text });
}
