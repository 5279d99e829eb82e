import { data } from "@remix-run/node";
import { formError, parseForm } from "./forms";
import { z } from "./zod";

/** The confirmation travels with the form, so a stray POST (or a crawler) deletes nothing. */
const confirmDeletionSchema = z.object({
  confirm: z.literal("delete", { error: "Confirm the deletion with the button." }),
});

/**
 * The 400 to return when a delete form arrives without its confirmation, or
 * null when the deletion is confirmed. Every "delete …" action asks this first.
 */
export function missingConfirmation(formData: FormData) {
  const form = parseForm(confirmDeletionSchema, formData);
  if (form.ok) return null;
  return data(formError("Confirm the deletion with the button.", form.values), { status: 400 });
}
