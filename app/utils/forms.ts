import { z } from "~/utils/zod";

/** Messages about a form as a whole and about each field, as a page shows them. */
export interface FormErrors {
  /** Errors about the form as a whole. */
  form: string[];
  fields: Record<string, string[] | undefined>;
}

/**
 * What a rejected form may echo back (submission.server.ts): at most this many
 * fields, each cut to this many characters (well past any field's own limit,
 * so a too-long value still comes back whole for the user to shorten), so a
 * hostile post of megabytes or of thousands of fields never comes back as a
 * page of that size.
 */
export const ECHO_FIELDS_MAX = 100;
export const ECHO_CHARS_MAX = 100_000;

export function toFormErrors(error: z.ZodError): FormErrors {
  const flat = z.flattenError(error);
  return { form: flat.formErrors, fields: flat.fieldErrors as FormErrors["fields"] };
}
