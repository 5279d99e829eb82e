import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { mockLlmForEachTest, setLlmEnv } from "../tests/mocks/llm-test-env";
import { openAiMock } from "../tests/mocks/openai";
import { runEval } from "./eval";

mockLlmForEachTest({ OPENAI_MAX_RETRIES: "0" });

function jsonl(lines: object[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "eval-")), "set.jsonl");
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n"));
  return file;
}

const records = [
  { question: "Explain REST APIs", answer: "REST exposes resources by URI; GET is idempotent so it is safe to retry.", reference: 4 },
  { question: "explain-docker", answer: "Docker is a VM.", reference: 1 },
];

describe("npm run eval -- FILE --grader openai", () => {
  test("grades every record through the configured OpenAI-compatible server", async () => {
    const lines: string[] = [];
    const summary = await runEval([jsonl(records), "--grader", "openai", "--json"], (l) => lines.push(l));
    expect(openAiMock.requests).toHaveLength(2);
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2]!)).toMatchObject({ summary: true, grader: "openai" });
    expect(summary.records).toBe(2);
  });

  test("stops with the reason when the model fails, rather than inventing a score", async () => {
    openAiMock.failAlways("server-error");
    await expect(runEval([jsonl(records), "--grader", "openai"], () => {})).rejects.toThrow(/LLM could not grade an answer: .*HTTP 500/);
  });

  test("refuses to run with no LLM configured", async () => {
    setLlmEnv({ OPENAI_BASE_URL: undefined, OPENAI_API_KEY: undefined, MOCKS: undefined });
    await expect(runEval([jsonl(records), "--grader", "openai"], () => {})).rejects.toThrow(/needs OPENAI_API_KEY or OPENAI_BASE_URL/);
  });
});
