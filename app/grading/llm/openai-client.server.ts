import OpenAI from "openai";
import { getEnv, type Env } from "~/env.server";

/**
 * The one OpenAI client of the process, built on first use so that msw (tests,
 * MOCKS=true) is already listening, and so a server without a key never builds one.
 * The SDK's own retries are off: gradeWithLlm applies the app's retry policy,
 * which it can report to the user.
 */

/** Local OpenAI-compatible servers (Ollama, vLLM, llama.cpp, LM Studio) ignore the key, but the SDK wants one. */
export const PLACEHOLDER_API_KEY = "not-needed-for-a-local-server";

let client: OpenAI | undefined;
/** Base URL + model pairs whose server rejected JSON-schema response formats: they get JSON mode directly. */
const jsonSchemaRejected = new Set<string>();

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
  client ??= createClient(getEnv());
  return client;
}

function createClient(env: Env): OpenAI {
  return new OpenAI({
    apiKey: env.OPENAI_API_KEY ?? PLACEHOLDER_API_KEY,
    baseURL: env.OPENAI_BASE_URL ?? "https://api.openai.com/v1",
    timeout: env.OPENAI_TIMEOUT_MS,
    maxRetries: 0,
    // Looked up per call, so a fetch patched later (msw) is still the one used.
    fetch: (input, init) => globalThis.fetch(input, init),
  });
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
  client = undefined;
  jsonSchemaRejected.clear();
}
