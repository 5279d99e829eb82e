import { data } from "@remix-run/node";

/** Throws an HTTP error response (404 by default) when `condition` is falsy. */
export function invariantResponse(
  condition: unknown,
  message = "Not found",
  status = 404,
): asserts condition {
  if (!condition) throw data(message, { status });
}
