import { z } from "~/utils/zod";

export interface FormErrors {
  /** Errors about the form as a whole. */
  form: string[];
  fields: Record<string, string[] | undefined>;
}

export type FormValues = Record<string, string | string[]>;

export type FormResult<T> =
  { ok: true; data: T } | { ok: false; errors: FormErrors; values: FormValues };

/** Field names whose values must never be echoed back to the page. */
const SECRET_FIELDS = new Set(["password", "currentPassword", "newPassword"]);

/**
 * What a failed form may echo back: at most this many fields, each cut to this
 * many characters (well past any field's own limit, so a too-long value
 * still comes back whole for the user to shorten), so a hostile post of
 * megabytes or of thousands of fields never comes back as a page of that size.
 */
export const ECHO_FIELDS_MAX = 100;
export const ECHO_CHARS_MAX = 100_000;

/**
 * Validates a posted form against its zod schema. Repeated fields (checkboxes)
 * arrive as arrays. On failure the typed values come back so the form can be
 * shown again without losing a word. Only the answer page's forms (not yet on
 * Conform) and GET queries (search-params.ts) still use it; every other POST
 * form parses with parseSubmission (submission.server.ts).
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  arrayFields: readonly string[] = [],
): FormResult<z.infer<S>> {
  // One pass over the entries: a getAll per distinct key was O(n²), and 80,000
  // fields froze the server for most of a minute.
  const arrays = new Set(arrayFields);
  const raw: FormValues = Object.create(null) as FormValues;
  const textSeen = new Set<string>();
  for (const [key, value] of formData.entries()) {
    if (arrays.has(key)) {
      const list = (raw[key] ??= []) as string[];
      if (typeof value === "string") list.push(value);
    } else if (typeof value !== "string") {
      raw[key] ??= ""; // a file is not text
    } else if (!textSeen.has(key)) {
      // The first text value wins, as getAll(key)[0] did.
      textSeen.add(key);
      raw[key] = value;
    }
  }
  for (const key of arrayFields) raw[key] ??= [];
  const result = schema.safeParse({ ...raw });
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: toFormErrors(result.error), values: echoValues(raw) };
}

/** The typed values to show again: never a secret, never more than ECHO_FIELDS_MAX fields of ECHO_CHARS_MAX characters. */
export function echoValues(raw: FormValues): FormValues {
  const values: FormValues = {};
  let fields = 0;
  for (const [key, value] of Object.entries(raw)) {
    if (SECRET_FIELDS.has(key) || key.length > 100) continue;
    if (++fields > ECHO_FIELDS_MAX) break;
    values[key] = Array.isArray(value)
      ? value.slice(0, ECHO_FIELDS_MAX).map((v) => v.slice(0, ECHO_CHARS_MAX))
      : value.slice(0, ECHO_CHARS_MAX);
  }
  return values;
}

export function toFormErrors(error: z.ZodError): FormErrors {
  const flat = z.flattenError(error);
  return { form: flat.formErrors, fields: flat.fieldErrors as FormErrors["fields"] };
}

export function formError(
  message: string,
  values: FormValues = {},
): { errors: FormErrors; values: FormValues } {
  return { errors: { form: [message], fields: {} }, values };
}
