import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { resetEnvForTests } from "~/env.server";
import { resetOpenAiClientForTests } from "~/grading/llm/openai-client.server";
import { resetPromptsForTests } from "~/grading/llm/prompts.server";
import { MOCK_OPENAI_BASE_URL, openAiHandlers, openAiMock } from "./openai";

/**
 * Vitest wiring for code that calls the LLM: msw stands in for the OpenAI API,
 * the environment points at it, and each test starts from a clean mock, env
 * and client. Never needs a key or a network.
 */

export const mockServer = setupServer(...openAiHandlers);

type LlmEnvKey =
  | "OPENAI_API_KEY"
  | "OPENAI_BASE_URL"
  | "OPENAI_MODEL"
  | "OPENAI_TIMEOUT_MS"
  | "OPENAI_MAX_RETRIES"
  | "PROMPTS_DIR"
  | "MOCKS"
  | "GRADER"
  | "LLM_DAILY_LIMIT"
  | "LLM_SAMPLES";

const saved = new Map<LlmEnvKey, string | undefined>();

/** Sets LLM env variables for the current test (undefined deletes one); restored after the test. */
export function setLlmEnv(values: Partial<Record<LlmEnvKey, string | undefined>>): void {
  for (const [key, value] of Object.entries(values) as [LlmEnvKey, string | undefined][]) {
    if (!saved.has(key)) saved.set(key, process.env[key]);
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvForTests();
  resetOpenAiClientForTests();
  resetPromptsForTests();
}

/** Puts back what setLlmEnv changed (mockLlmForEachTest does this after each test). */
export function restoreLlmEnv(): void {
  for (const [key, value] of saved) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  saved.clear();
  resetEnvForTests();
  resetOpenAiClientForTests();
  resetPromptsForTests();
}

/** Call at the top of a test file: every test talks to the mocked API at MOCK_OPENAI_BASE_URL. */
export function mockLlmForEachTest(env: Partial<Record<LlmEnvKey, string | undefined>> = {}): void {
  beforeAll(() => mockServer.listen({ onUnhandledRequest: "error" }));
  beforeEach(() =>
    setLlmEnv({
      OPENAI_BASE_URL: MOCK_OPENAI_BASE_URL,
      OPENAI_API_KEY: undefined,
      OPENAI_MODEL: "gpt-4o-mini",
      ...env,
    }),
  );
  afterEach(() => {
    mockServer.resetHandlers();
    openAiMock.reset();
    restoreLlmEnv();
  });
  afterAll(() => mockServer.close());
}
