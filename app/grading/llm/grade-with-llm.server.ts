import { randomBytes } from "node:crypto";
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { getEnv } from "~/env.server";
import {
  gradeSchema,
  type Grade,
  type GradeProvenance,
  type GradeRequest,
} from "~/grading/grade-schema";
import { gradeOffline } from "~/grading/offline/grade-offline.server";
import { buildGradeMessages } from "./build-messages.server";
import { capInjectedGrade } from "./injection-cap";
import { createJsonStreamWatcher, type JsonPath } from "./json-stream-watcher";
import { abortedError, LlmGradeError, toLlmGradeError } from "./llm-grade-error";
import { createPreviewer, type LlmProgress } from "./llm-progress";
import { llmReplySchema, responseFormatFor, type LlmReply } from "./llm-output-schema";
import { buildLlmGrade, IncompleteGradeError } from "./normalise-grade";
import {
  describeLlm,
  getOpenAiClient,
  isJsonSchemaRejected,
  isLlmConfigured,
  rememberJsonSchemaRejected,
} from "./openai-client.server";
import { getPrompts } from "./prompts.server";
import { parseRetryAfter, withRetries, type RetryDecision, type Sleep } from "./retry";
import { streamReply, type StreamedReply } from "./stream-reply.server";

export { LlmGradeError } from "./llm-grade-error";
export type { LlmFailureKind } from "./llm-grade-error";
export type { LlmProgress } from "./llm-progress";

export interface GradeWithLlmOptions {
  signal?: AbortSignal;
  /** Called synchronously as the reply streams in; whatever it throws is ignored. */
  onProgress?: (event: LlmProgress) => void;
  /** Waits between retries (tests pass one that does not really wait). */
  sleep?: Sleep;
  /** Jitter source for backoff, in [0, 1). */
  random?: () => number;
}

type Mode = "json_schema" | "json_object";

function decideRetry(error: unknown): RetryDecision {
  if (error instanceof LlmGradeError || error instanceof APIUserAbortError) return { retry: false };
  if (error instanceof APIConnectionTimeoutError) return { retry: false };
  if (error instanceof APIConnectionError) return { retry: true, retryAfterMs: null };
  if (error instanceof APIError && typeof error.status === "number") {
    const { status } = error;
    if (status === 408 || status === 429 || status >= 500)
      return { retry: true, retryAfterMs: parseRetryAfter(error.headers) };
  }
  return { retry: false };
}

/** A server without structured outputs answers 400 naming the response format (vLLM, llama.cpp, older Ollama). */
function rejectsJsonSchema(error: unknown): boolean {
  return (
    error instanceof APIError &&
    (error.status === 400 || error.status === 422) &&
    /response_format|json_schema|response format|structured output/i.test(error.message)
  );
}

/** The JSON object in a reply, tolerating a code fence or prose around it (JSON mode on small models). */
function parseReply(content: string): LlmReply {
  const start = content.indexOf("{");
  const end = content.lastIndexOf("}");
  let data: unknown;
  try {
    data = JSON.parse(start === -1 ? content : content.slice(start, end + 1));
  } catch (error) {
    throw new LlmGradeError("malformed_output", "The model's reply was not valid JSON", {
      cause: error,
    });
  }
  const parsed = llmReplySchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    throw new LlmGradeError(
      "schema_mismatch",
      `The model's reply did not match the grade format (${where}${issue?.message ?? "invalid"})`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

export async function gradeWithLlm(
  request: GradeRequest,
  options: GradeWithLlmOptions = {},
): Promise<{ grade: Grade; provenance: GradeProvenance }> {
  const startedAt = performance.now();
  const env = getEnv();
  const { signal } = options;
  if (!isLlmConfigured(env)) {
    throw new LlmGradeError(
      "not_configured",
      "No LLM is configured (set OPENAI_API_KEY or OPENAI_BASE_URL)",
    );
  }
  if (signal?.aborted) throw abortedError(signal.reason);

  const prompts = getPrompts();
  const client = getOpenAiClient();
  const { question } = request;
  const offline = gradeOffline(request);
  const nonce = randomBytes(8).toString("hex");
  const emit = (event: LlmProgress) => {
    try {
      options.onProgress?.(event);
    } catch {
      // A broken progress sink (a closed page) must not fail the grade.
    }
  };
  const format = responseFormatFor(question);
  const jsonSchemaText = JSON.stringify(format.json_schema.schema);
  let suspicious = false;
  let retries = 0;

  const showPreview = createPreviewer(question, request.answer, emit);
  const preview = (path: JsonPath, value: unknown) => {
    if (!suspicious && !offline.flags.injectionSuspected) showPreview(path, value);
  };

  const call = (mode: Mode): Promise<StreamedReply> => {
    const built = buildGradeMessages(request, prompts, {
      nonce,
      jsonSchema: mode === "json_object" ? jsonSchemaText : null,
    });
    suspicious = built.suspicious;
    const params = {
      model: env.OPENAI_MODEL,
      messages: built.messages,
      temperature: prompts.grade.temperature ?? 0,
      ...(prompts.grade.maxOutputTokens ? { max_tokens: prompts.grade.maxOutputTokens } : {}),
      response_format: mode === "json_schema" ? format : ({ type: "json_object" } as const),
      stream_options: { include_usage: true },
    };
    return withRetries(
      () => {
        const watcher = createJsonStreamWatcher(preview);
        return streamReply(client, params, {
          timeoutMs: env.OPENAI_TIMEOUT_MS,
          signal,
          onContent: (p) => watcher.push(p),
        });
      },
      {
        maxRetries: env.OPENAI_MAX_RETRIES,
        decide: decideRetry,
        sleep: options.sleep,
        random: options.random,
        signal,
        onRetry: ({ retry, delayMs, error }) => {
          retries++;
          const reason = toLlmGradeError(error, {
            retries: 0,
            timeoutMs: env.OPENAI_TIMEOUT_MS,
            server: describeLlm(env).server,
          }).reason;
          emit({ type: "retrying", retry, delayMs, reason });
        },
      },
    );
  };

  emit({ type: "started", model: env.OPENAI_MODEL, promptVersion: prompts.version });
  try {
    let reply: StreamedReply;
    if (isJsonSchemaRejected(env)) {
      reply = await call("json_object");
    } else {
      try {
        reply = await call("json_schema");
      } catch (error) {
        if (!rejectsJsonSchema(error)) throw error;
        rememberJsonSchemaRejected(env);
        reply = await call("json_object");
      }
    }

    const built = buildLlmGrade(parseReply(reply.content), { request, offline, suspicious });
    const checked = gradeSchema.safeParse(capInjectedGrade(built, offline, question));
    if (!checked.success) {
      throw new LlmGradeError("schema_mismatch", "The model's grade failed validation", {
        cause: checked.error,
      });
    }
    const grade = checked.data;
    emit({ type: "probes", probes: grade.probes });
    return {
      grade,
      provenance: {
        grader: "openai",
        model: reply.model ?? env.OPENAI_MODEL,
        promptVersion: prompts.version,
        fallbackReason: null,
        tokensIn: reply.tokensIn,
        tokensOut: reply.tokensOut,
        latencyMs: Math.round(performance.now() - startedAt),
      },
    };
  } catch (error) {
    if (signal?.aborted) throw abortedError(error);
    if (error instanceof IncompleteGradeError)
      throw new LlmGradeError("incomplete", error.message, { cause: error });
    throw toLlmGradeError(error, {
      retries,
      timeoutMs: env.OPENAI_TIMEOUT_MS,
      server: describeLlm(env).server,
    });
  }
}
