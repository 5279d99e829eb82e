import { forget, remember } from "@epic-web/remember";
import OpenAI from "openai";
import { getEnv, type Env } from "~/env.server";
import { llmCaller, reserveLlmCall, type LlmCall } from "../llm-budget.server";
import { LlmGradeError } from "./llm-grade-error";

/**
 * The one OpenAI client of the process, built on first use so that the API mocks (tests,
 * MOCKS=true) is already listening, and so a server without a key never builds one.
 * The SDK's own retries are off: gradeWithLlm applies the app's retry policy,
 * which it can report to the user.
 */

/** Local OpenAI-compatible servers (Ollama, vLLM, llama.cpp, LM Studio) ignore the key, but the SDK wants one. */
export const PLACEHOLDER_API_KEY = "not-needed-for-a-local-server";

/** Base URL + model pairs whose server rejected JSON-schema response formats: they get JSON mode directly. */
const jsonSchemaRejected = remember("json-schema-rejected", () => new Set<string>());

/** True when the LLM grader can run: a key, a base URL, or the mocked API. */
export function isLlmConfigured(env: Env = getEnv()): boolean {
  return Boolean(env.OPENAI_API_KEY || env.OPENAI_BASE_URL || env.MOCKS);
}

/** What a settings page may show about the LLM: never the key, never credentials in the URL. */
export function describeLlm(env: Env = getEnv()): {
  model: string;
  server: string;
  mocked: boolean;
} {
  let server = "api.openai.com";
  if (env.OPENAI_BASE_URL) {
    const url = new URL(env.OPENAI_BASE_URL);
    server = `${url.host}${url.pathname.replace(/\/$/, "")}`;
  }
  return { model: env.OPENAI_MODEL, server, mocked: env.MOCKS };
}

export function getOpenAiClient(): OpenAI {
  // Remembered across development rebuilds (server.js re-imports the app on each change).
  return remember("openai-client", () => createClient(getEnv()));
}

function createClient(env: Env): OpenAI {
  return new OpenAI({
    apiKey: env.OPENAI_API_KEY ?? PLACEHOLDER_API_KEY,
    baseURL: env.OPENAI_BASE_URL ?? "https://api.openai.com/v1",
    timeout: env.OPENAI_TIMEOUT_MS,
    maxRetries: 0,
    // Looked up per call, so a fetch patched later (the test mocks) is still the one used.
    fetch: (input, init) => budgetedFetch(input, init, env),
  });
}

/**
 * Every request to the model: counted against its user's daily and concurrency
 * limits first (app/grading/llm-budget.server.ts), its reply cut off past
 * LLM_REPLY_MAX_BYTES, and the count's slot freed when the reply ends.
 */
async function budgetedFetch(
  input: string | URL | Request,
  init: RequestInit | undefined,
  env: Env,
): Promise<Response> {
  const caller = llmCaller.getStore();
  let call: LlmCall | null = null;
  if (caller) {
    const slot = await reserveLlmCall(caller.userId, caller.answerId);
    // Not a transport error: never retried, and its reason is what the grade says.
    if (!slot.ok) throw new LlmGradeError("rate_limited", slot.reason);
    call = slot.call;
  }
  try {
    const response = await globalThis.fetch(input, init);
    return capReplyBytes(response, env.LLM_REPLY_MAX_BYTES, (outcome) => call?.finish(outcome));
  } catch (error) {
    call?.finish("network");
    throw error;
  }
}

/** A reply over LLM_REPLY_MAX_BYTES: not retried, the answer is graded offline with this reason. */
export function replyTooLargeError(maxBytes: number): LlmGradeError {
  return new LlmGradeError(
    "truncated",
    `The model's reply was larger than ${Math.round(maxBytes / 1024)} KB and was cut off`,
  );
}

/**
 * The response with its body cut off past `maxBytes`: the stream errors with
 * replyTooLargeError, so a runaway (or hostile) server cannot fill memory.
 * `onEnd` hears how the body ended ("read", "too_large", "cancelled").
 */
export function capReplyBytes(
  response: Response,
  maxBytes: number,
  onEnd: (outcome: string) => void = () => {},
): Response {
  if (!response.body) {
    onEnd("read");
    return response;
  }
  const reader = response.body.getReader();
  let seen = 0;
  const capped = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        onEnd("error");
        throw error;
      }
      if (next.done) {
        onEnd("read");
        return controller.close();
      }
      seen += next.value.byteLength;
      if (seen > maxBytes) {
        onEnd("too_large");
        void reader.cancel().catch(() => {});
        return controller.error(replyTooLargeError(maxBytes));
      }
      controller.enqueue(next.value);
    },
    cancel(reason) {
      onEnd("cancelled");
      return reader.cancel(reason);
    },
  });
  return new Response(capped, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/**
 * The app's own error (the reply-size cap, an LLM limit reached) behind whatever
 * the SDK wrapped it in, if that is what ended a call.
 */
export function findReplyTooLarge(error: unknown): LlmGradeError | null {
  let cause: unknown = error;
  for (let depth = 0; depth < 5 && cause instanceof Error; depth++) {
    if (cause instanceof LlmGradeError) return cause;
    cause = cause.cause;
  }
  return null;
}

function serverKey(env: Env): string {
  return `${env.OPENAI_BASE_URL ?? "openai"}|${env.OPENAI_MODEL}`;
}

export function rememberJsonSchemaRejected(env: Env = getEnv()): void {
  jsonSchemaRejected.add(serverKey(env));
}

export function isJsonSchemaRejected(env: Env = getEnv()): boolean {
  return jsonSchemaRejected.has(serverKey(env));
}

export function resetOpenAiClientForTests(): void {
  forget("openai-client");
  jsonSchemaRejected.clear();
}
