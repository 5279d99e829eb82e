import type { FormValues } from "./forms";

/**
 * For a form shown again after a rejected post (or pre-filled): reads each
 * field's value and errors back, for `<Field>` to wire to its control. Kept
 * free of zod, so the forms' pages do not ship it.
 */
export function formFields(values: FormValues, errors: Record<string, string[] | undefined>) {
  const text = (name: string): string => {
    const v = values[name];
    return typeof v === "string" ? v : "";
  };
  return {
    text,
    /** A repeated field (checkboxes) as a list, whether it came back as an array or one value. */
    list: (name: string): string[] => {
      const v = values[name];
      return Array.isArray(v) ? v : typeof v === "string" && v ? [v] : [];
    },
    /** A field's name, value and errors, as `<Field>` (components/field.tsx) takes them. */
    field: (name: string) => ({ name, value: text(name), errors: errors[name] }),
  };
}
