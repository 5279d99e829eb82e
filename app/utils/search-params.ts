import type { z } from "~/utils/zod";
import { toFormErrors, type FormErrors } from "./forms";

export type QueryResult<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

/**
 * A GET form's query string checked against its schema (a name's first value
 * counts), its errors shaped like a form's so the page shows them the same way.
 * A query is a read: nothing to echo back, no reply to give.
 */
export function parseSearchParams<S extends z.ZodType>(
  schema: S,
  url: string | URL,
): QueryResult<z.infer<S>> {
  // No prototype, so a `?__proto__=` is a name like any other.
  const query = Object.create(null) as Record<string, string>;
  for (const [name, value] of new URL(url).searchParams) query[name] ??= value;
  const result = schema.safeParse({ ...query });
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, errors: toFormErrors(result.error) };
}
