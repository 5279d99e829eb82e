import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { startMockServer, stopMockServer } from "../../../tests/mocks";
import { restoreLlmEnv, setLlmEnv } from "../../../tests/mocks/llm-test-env";
import { openAiMock } from "../../../tests/mocks/openai";
import { gradeWithLlm } from "./grade-with-llm.server";
import { describeLlm, getOpenAiClient, isLlmConfigured } from "./openai-client.server";
import { makeRequest } from "./test-factories";

// MOCKS=true, as a developer runs the app: no key, no base URL, the default OpenAI host.
beforeAll(() => {
  startMockServer({ chunkDelayMs: 0, latencyMs: 0 });
});
afterEach(() => {
  openAiMock.reset();
  restoreLlmEnv();
});
afterAll(stopMockServer);

test("the LLM grader runs against the mocked API with no key and no base URL", async () => {
  setLlmEnv({ MOCKS: "true", OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined });
  expect(isLlmConfigured()).toBe(true);
  expect(describeLlm()).toEqual({ model: "gpt-4o-mini", server: "api.openai.com", mocked: true });
  const { grade, provenance } = await gradeWithLlm(makeRequest());
  expect(grade.criteria).toHaveLength(4);
  expect(provenance.grader).toBe("openai");
});

test("without MOCKS, a key or a base URL the LLM is not configured", () => {
  setLlmEnv({ MOCKS: "false", OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined });
  expect(isLlmConfigured()).toBe(false);
});

test("the mock also answers non-streamed completions in the real shape", async () => {
  setLlmEnv({ MOCKS: "true", OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined });
  const completion = await getOpenAiClient().chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: "Say hello in JSON." }],
  });
  expect(completion.object).toBe("chat.completion");
  expect(completion.choices[0]?.finish_reason).toBe("stop");
  expect(completion.usage?.total_tokens).toBeGreaterThan(0);
});

test("describeLlm never shows credentials in the base URL", () => {
  setLlmEnv({
    OPENAI_BASE_URL: "http://user:secret@localhost:11434/v1/",
    OPENAI_API_KEY: "sk-secret",
  });
  expect(JSON.stringify(describeLlm())).not.toMatch(/secret/);
  expect(describeLlm().server).toBe("localhost:11434/v1");
});
