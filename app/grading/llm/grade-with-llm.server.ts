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
import { buildGradeMessages, correctionMessages } from "./build-messages.server";
import { evidenceContext, type EvidenceContext } from "./evidence";
import { capInjectedGrade } from "./injection-cap";
import { createJsonStreamWatcher, type JsonPath } from "./json-stream-watcher";
import { abortedError, LlmGradeError, toLlmGradeError } from "./llm-grade-error";
import { createPreviewer, type LlmProgress } from "./llm-progress";
import { llmReplySchema, responseFormatFor, type LlmReply } from "./llm-output-schema";
import {
  assembleGrade,
  checkReply,
  combineSamples,
  evidenceRetryReason,
  IncompleteGradeError,
  OffScaleError,
  unsupportedCriteria,
  type CheckedCriterion,
} from "./normalise-grade";
import {
  describeLlm,
  getOpenAiClient,
  isJsonSchemaRejected,
  isLlmConfigured,
  rememberJsonSchemaRejected,
} from "./openai-client.server";
import { getPrompts } from "./prompts.server";
import { relevanceJudge } from "./relevance";
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

/** A reply that failed the checks, to be corrected once: its text and what was wrong. */
interface Correction {
  previous: string;
  reason: string;
}

/** A reply whose content failed (bad JSON, wrong shape, a criterion missing, off the scale) as an LlmGradeError. */
function contentError(error: unknown): LlmGradeError | null {
  if (
    error instanceof LlmGradeError &&
    (error.kind === "malformed_output" || error.kind === "schema_mismatch")
  )
    return error;
  if (error instanceof IncompleteGradeError)
    return new LlmGradeError("incomplete", error.message, { cause: error });
  if (error instanceof OffScaleError)
    return new LlmGradeError("off_scale", error.message, { cause: error });
  return null;
}

function checkSample(content: string, request: GradeRequest, evidence: EvidenceContext) {
  const reply = parseReply(content);
  return { reply, criteria: checkReply(reply, request.question, evidence) };
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
  const evidence = evidenceContext(question, request.answer, relevanceJudge);
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
  const samples = env.LLM_SAMPLES;
  let suspicious = false;
  let retries = 0;
  const usage = {
    model: null as string | null,
    tokensIn: null as number | null,
    tokensOut: null as number | null,
  };

  const call = (
    mode: Mode,
    { n, correction, previewed }: { n: number; correction: Correction | null; previewed: boolean },
  ): Promise<StreamedReply> => {
    const built = buildGradeMessages(request, prompts, {
      nonce,
      jsonSchema: mode === "json_object" ? jsonSchemaText : null,
    });
    suspicious = built.suspicious;
    const messages = correction
      ? [...built.messages, ...correctionMessages(prompts, correction.previous, correction.reason)]
      : built.messages;
    const params = {
      model: env.OPENAI_MODEL,
      messages,
      temperature: prompts.grade.temperature ?? 0,
      // Capped by LLM_MAX_OUTPUT_TOKENS: the reply's size is bounded even when the prompt sets none.
      max_tokens: Math.min(prompts.grade.maxOutputTokens ?? env.LLM_MAX_OUTPUT_TOKENS, env.LLM_MAX_OUTPUT_TOKENS),
      ...(n > 1 ? { n } : {}),
      response_format: mode === "json_schema" ? format : ({ type: "json_object" } as const),
      stream_options: { include_usage: true },
    };
    return withRetries(
      () => {
        const showPreview = createPreviewer(question, evidence, emit);
        const watcher = createJsonStreamWatcher(
          (path: JsonPath, value: unknown) => {
            if (previewed && !suspicious && !offline.flags.injectionSuspected)
              showPreview(path, value);
          },
          { maxDepth: 3 },
        );
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

  /** One call in the server's mode, falling back to JSON mode once when it rejects JSON-schema formats. */
  const ask = async (options_: {
    n: number;
    correction: Correction | null;
    previewed: boolean;
  }) => {
    let reply: StreamedReply;
    if (isJsonSchemaRejected(env)) {
      reply = await call("json_object", options_);
    } else {
      try {
        reply = await call("json_schema", options_);
      } catch (error) {
        if (!rejectsJsonSchema(error)) throw error;
        rememberJsonSchemaRejected(env);
        reply = await call("json_object", options_);
      }
    }
    usage.model = reply.model ?? usage.model;
    if (reply.tokensIn !== null) usage.tokensIn = (usage.tokensIn ?? 0) + reply.tokensIn;
    if (reply.tokensOut !== null) usage.tokensOut = (usage.tokensOut ?? 0) + reply.tokensOut;
    return reply;
  };

  /**
   * LLM_SAMPLES replies (one request with `n`; servers that ignore `n` are
   * asked again for the rest), each parsed and checked. Samples that fail are
   * dropped; when every one fails, the first failure is thrown.
   */
  const attempt = async (correction: Correction | null) => {
    const first = await ask({ n: samples, correction, previewed: true });
    const texts = [...first.samples];
    while (texts.length < samples) {
      texts.push((await ask({ n: 1, correction, previewed: false })).content);
    }
    const good: { reply: LlmReply; criteria: CheckedCriterion[]; content: string }[] = [];
    let firstError: unknown = null;
    for (const content of texts.slice(0, samples)) {
      try {
        good.push({ ...checkSample(content, request, evidence), content });
      } catch (error) {
        firstError ??= error;
      }
    }
    if (good.length === 0) throw firstError;
    return good;
  };

  emit({ type: "started", model: env.OPENAI_MODEL, promptVersion: prompts.version });
  try {
    let retried = false;
    let accepted: Awaited<ReturnType<typeof attempt>>;
    try {
      accepted = await attempt(null);
    } catch (error) {
      const failed = contentError(error);
      if (!failed) throw error;
      // A reply that broke the format or the scale is asked for once more, with the reason.
      retried = true;
      accepted = await attempt({ previous: "", reason: failed.reason }).catch((second: unknown) => {
        throw contentError(second) ?? second;
      });
    }

    let criteria = combineSamples(accepted.map((s) => s.criteria));
    let unsupported = unsupportedCriteria(criteria);
    if (unsupported.length > 0 && !retried) {
      // Scores above 2 that no quote supports: asked once more with the reason, then capped.
      retried = true;
      const reason = `the evidence did not support these scores: ${evidenceRetryReason(unsupported, question)}`;
      try {
        const again = await attempt({ previous: accepted[0]?.content ?? "", reason });
        accepted = again;
        criteria = combineSamples(again.map((s) => s.criteria));
        unsupported = unsupportedCriteria(criteria);
      } catch (error) {
        // The corrected reply failed outright: keep the first one, capped.
        if (!contentError(error)) throw error;
      }
    }

    const head = accepted[0] as (typeof accepted)[number];
    const built = assembleGrade(
      criteria,
      head.reply,
      { request, offline, suspicious, evidence },
      {
        retried,
        samples: accepted.length,
      },
    );
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
        model: usage.model ?? env.OPENAI_MODEL,
        promptVersion: prompts.version,
        fallbackReason: null,
        tokensIn: usage.tokensIn,
        tokensOut: usage.tokensOut,
        latencyMs: Math.round(performance.now() - startedAt),
      },
    };
  } catch (error) {
    if (signal?.aborted) throw abortedError(error);
    const failed = contentError(error);
    if (failed) throw failed;
    throw toLlmGradeError(error, {
      retries,
      timeoutMs: env.OPENAI_TIMEOUT_MS,
      server: describeLlm(env).server,
    });
  }
}
