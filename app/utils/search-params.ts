import type { z } from "~/utils/zod";
import { parseForm, type FormResult } from "./forms";

/** `parseForm` for GET forms: validates a URL's query string the same way, with the same error shape. */
export function parseSearchParams<S extends z.ZodType>(
  schema: S,
  url: string | URL,
): FormResult<z.infer<S>> {
  const formData = new FormData();
  for (const [key, value] of new URL(url).searchParams) formData.append(key, value);
  return parseForm(schema, formData);
}
