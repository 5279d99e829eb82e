import type { z } from "~/utils/zod";

/** Each zod issue as `path.to.field: message`, the form every bank, form and pack problem is reported in. */
export function formatZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join(".") : "(root)";
    return `${field}: ${issue.message}`;
  });
}
