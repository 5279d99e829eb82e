import type { SubmissionResult } from "@conform-to/react";

/**
 * A refused form's Conform reply (`submission.reply()`), or an action's data
 * holding it as `result`, read as a test asserts it: the form's errors, each
 * field's, and the values echoed back.
 */
export function refusalOf(data: unknown) {
  const result = (
    data && typeof data === "object" && "result" in data ? data.result : data
  ) as SubmissionResult<string[]>;
  const { "": form, ...fields } = result.error ?? {};
  return {
    status: result.status,
    errors: { form: form ?? [], fields: fields as Record<string, string[] | undefined> },
    values: (result.initialValue ?? {}) as Record<string, unknown>,
  };
}
