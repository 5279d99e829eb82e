import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";

/**
 * Why an LLM grading failed, once the retries are spent. `reason` is a short
 * sentence meant for the user ("The model timed out after 60 s"); the caller
 * grades offline and stores it as the grade's fallback reason.
 */

export const LLM_FAILURE_KINDS = [
  "not_configured",
  "timeout",
  "rate_limited",
  "server_error",
  "network",
  "rejected",
  "malformed_output",
  "schema_mismatch",
  "incomplete",
  "off_scale",
  "refusal",
  "truncated",
  "stream_cut",
  "aborted",
  "unexpected",
] as const;
export type LlmFailureKind = (typeof LLM_FAILURE_KINDS)[number];

export class LlmGradeError extends Error {
  /** The HTTP status of the last response, when there was one. */
  readonly status: number | null;

  constructor(
    readonly kind: LlmFailureKind,
    readonly reason: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(reason, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "LlmGradeError";
    this.status = options?.status ?? null;
  }
}

export const afterRetries = (retries: number) =>
  retries === 0 ? "" : ` after ${retries} ${retries === 1 ? "retry" : "retries"}`;

export function timeoutError(timeoutMs: number, cause?: unknown): LlmGradeError {
  const seconds = timeoutMs % 1000 === 0 ? String(timeoutMs / 1000) : (timeoutMs / 1000).toFixed(1);
  return new LlmGradeError("timeout", `The model timed out after ${seconds} s`, { cause });
}

export function abortedError(cause?: unknown): LlmGradeError {
  return new LlmGradeError("aborted", "The grading request was cancelled", { cause });
}

function serverMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  const message =
    typeof body?.message === "string" ? body.message : error.message.replace(/^\d{3}\s*/, "");
  const oneLine = message.replace(/\s+/g, " ").trim();
  return oneLine.length > 160 ? `${oneLine.slice(0, 159)}…` : oneLine;
}

function describeCause(error: APIConnectionError): string {
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") return ` (${code})`;
    cause = cause.cause;
  }
  return "";
}

/** Shapes the error that ended a call (after retries) into a user-facing LlmGradeError. */
export function toLlmGradeError(
  error: unknown,
  context: { retries: number; timeoutMs: number; server: string },
): LlmGradeError {
  if (error instanceof LlmGradeError) return error;
  const after = afterRetries(context.retries);
  if (error instanceof APIConnectionTimeoutError) return timeoutError(context.timeoutMs, error);
  if (error instanceof APIUserAbortError) return abortedError(error);
  if (error instanceof APIConnectionError) {
    return new LlmGradeError(
      "network",
      `Could not reach the model server at ${context.server}${describeCause(error)}${after}`,
      { cause: error },
    );
  }
  if (error instanceof APIError && typeof error.status === "number") {
    const status = error.status;
    const options = { cause: error, status };
    if (status === 429)
      return new LlmGradeError(
        "rate_limited",
        `The model server was rate-limiting (429)${after}`,
        options,
      );
    if (status >= 500 || status === 408) {
      return new LlmGradeError(
        "server_error",
        `The model server kept failing (HTTP ${status})${after}`,
        options,
      );
    }
    if (status === 401 || status === 403) {
      return new LlmGradeError(
        "rejected",
        `The model server refused the API key (HTTP ${status})`,
        options,
      );
    }
    if (status === 404) {
      return new LlmGradeError(
        "rejected",
        `The model server does not know this model (HTTP 404: ${serverMessage(error)})`,
        options,
      );
    }
    return new LlmGradeError(
      "rejected",
      `The model server rejected the request (HTTP ${status}: ${serverMessage(error)})`,
      options,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LlmGradeError(
    "unexpected",
    `The model call failed unexpectedly: ${message.slice(0, 160)}`,
    { cause: error },
  );
}
