import type { FormValues } from "./forms";

/**
 * For a form shown again after a rejected post (or pre-filled): reads each
 * field's value back and wires it to its hint and its errors, so every form
 * says the same thing to assistive technology. Kept free of zod, so the
 * forms' pages do not ship it.
 */
export function formFields(values: FormValues, errors: Record<string, string[] | undefined>) {
  return {
    text: (name: string): string => {
      const v = values[name];
      return typeof v === "string" ? v : "";
    },
    /** A repeated field (checkboxes) as a list, whether it came back as an array or one value. */
    list: (name: string): string[] => {
      const v = values[name];
      return Array.isArray(v) ? v : typeof v === "string" && v ? [v] : [];
    },
    invalid: (name: string): true | undefined => (errors[name] ? true : undefined),
    /** The ids for aria-describedby: the hint's, if any, then the errors' when there are some. */
    describedBy: (name: string, hintId?: string): string | undefined =>
      [hintId, errors[name] ? `${name}-errors` : undefined].filter(Boolean).join(" ") || undefined,
  };
}
