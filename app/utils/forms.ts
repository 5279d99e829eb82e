import { z } from "~/utils/zod";

export interface FormErrors {
  /** Errors about the form as a whole. */
  form: string[];
  fields: Record<string, string[] | undefined>;
}

export type FormValues = Record<string, string | string[]>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FormErrors; values: FormValues };

/** Field names whose values must never be echoed back to the page. */
const SECRET_FIELDS = new Set(["password"]);

/**
 * Validates a posted form against its zod schema. Repeated fields (checkboxes)
 * arrive as arrays. On failure the typed values come back so the form can be
 * shown again without losing a word.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  arrayFields: readonly string[] = [],
): FormResult<z.infer<S>> {
  const raw: FormValues = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key] = arrayFields.includes(key) ? all : (all[0] ?? "");
  }
  for (const key of arrayFields) raw[key] ??= [];
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const values = Object.fromEntries(Object.entries(raw).filter(([key]) => !SECRET_FIELDS.has(key)));
  return { ok: false, errors: toFormErrors(result.error), values };
}

export function toFormErrors(error: z.ZodError): FormErrors {
  const flat = z.flattenError(error);
  return { form: flat.formErrors, fields: flat.fieldErrors as FormErrors["fields"] };
}

export function formError(message: string, values: FormValues = {}): { errors: FormErrors; values: FormValues } {
  return { errors: { form: [message], fields: {} }, values };
}
