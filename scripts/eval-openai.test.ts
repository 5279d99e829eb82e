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
    // One request per record, and one more for a record whose evidence did not hold up.
    expect(openAiMock.requests.length).toBeGreaterThanOrEqual(2);
    expect(openAiMock.requests.length).toBeLessThanOrEqual(4);
    expect(lines).toHaveLength(3);
    const first = JSON.parse(lines[0]!) as { grader: string; fallbackReason: null; evidence: Record<string, string[]>; criteria: Record<string, number> };
    expect(first).toMatchObject({ grader: "openai", fallbackReason: null });
    // Per criterion, the verified quotes; a score above 2 always has one.
    for (const [id, score] of Object.entries(first.criteria)) {
      if (score > 2) expect(first.evidence[id]?.length).toBeGreaterThan(0);
      for (const quote of first.evidence[id] ?? []) expect(records[0]!.answer).toContain(quote);
    }
    expect(JSON.parse(lines[2]!)).toMatchObject({ summary: true, grader: "openai", fallbacks: 0 });
    expect(summary.records).toBe(2);
  });

  test("a record the model fails on is graded offline, labelled with the reason, and counted", async () => {
    openAiMock.failAlways("server-error");
    const lines: string[] = [];
    await runEval([jsonl(records), "--grader", "openai", "--json"], (l) => lines.push(l));
    expect(JSON.parse(lines[0]!)).toMatchObject({ grader: "offline", fallbackReason: expect.stringMatching(/HTTP 500/) });
    expect(JSON.parse(lines[2]!)).toMatchObject({ summary: true, fallbacks: 2 });
    const text: string[] = [];
    await runEval([jsonl(records), "--grader", "openai"], (l) => text.push(l));
    expect(text.at(-1)).toBe("LLM fallbacks (graded offline): 2");
  });

  test("refuses to run with no LLM configured", async () => {
    setLlmEnv({ OPENAI_BASE_URL: undefined, OPENAI_API_KEY: undefined, MOCKS: undefined });
    await expect(runEval([jsonl(records), "--grader", "openai"], () => {})).rejects.toThrow(/needs OPENAI_API_KEY or OPENAI_BASE_URL/);
  });
});
