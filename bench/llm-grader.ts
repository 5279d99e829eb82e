import { setupServer } from "msw/node";
import type { ChatCompletionCreateParamsStreaming } from "openai/resources/chat/completions";
import { resetEnvForTests } from "~/env.server";
import { gradeWithLlm } from "~/grading/llm/grade-with-llm.server";
import { getOpenAiClient, resetOpenAiClientForTests } from "~/grading/llm/openai-client.server";
import { loadBankFrom } from "~/question-bank/load-bank.server";
import { MOCK_OPENAI_BASE_URL, openAiHandlers, openAiMock } from "../tests/mocks/openai";
import { answerOfWords } from "./offline-grader";
import type { BenchSection } from "./run";
import { formatTable, type Timing } from "./stats";

/**
 * The app's own cost per LLM grade: everything gradeWithLlm does around the
 * model (prompt building, the offline pre-pass for flags, stream watching,
 * validation, normalising). Measured against msw's mocked model in one run:
 * - total time minus the mock's fixed latency;
 * - total time minus a bare SDK call reading the same mocked stream, which
 *   also removes the SDK's and the mock's own work.
 */

const ITERATIONS = 60;
const WARMUP = 10;
const MOCK_LATENCY_MS = 20;

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

const pick = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const timing = (sorted: number[]): Timing => ({ median: pick(sorted, 50), p95: pick(sorted, 95) });
const ms = (n: number) => n.toFixed(2);

export const llmGraderSection: BenchSection = {
  name: "LLM grader: the app's overhead per grade (mocked model)",
  async run() {
    const saved = { ...process.env };
    process.env.OPENAI_BASE_URL = MOCK_OPENAI_BASE_URL;
    process.env.OPENAI_MAX_RETRIES = "0";
    delete process.env.OPENAI_API_KEY;
    resetEnvForTests();
    resetOpenAiClientForTests();
    const server = setupServer(...openAiHandlers);
    server.listen({ onUnhandledRequest: "error" });
    openAiMock.configure({ chunkSize: 24, chunkDelayMs: 0, latencyMs: MOCK_LATENCY_MS });
    try {
      const question = loadBankFrom("question-bank").find((q) => q.id === "explain-rest-apis")!;
      const request = { question, answer: answerOfWords(300), secondsAllowed: 300, secondsTaken: 200, probe: null, askedProbes: [] };
      const app = await time(() => gradeWithLlm(request));
      // The bare SDK on the same request body, reading the same stream to the end.
      const body = openAiMock.requests.at(-1)!;
      const bare = await time(async () => {
        const params = { ...body, stream: true } as unknown as ChatCompletionCreateParamsStreaming;
        const stream = await getOpenAiClient().chat.completions.create(params);
        for await (const _chunk of stream) void _chunk;
      });
      const total = timing(app);
      const sdk = timing(bare);
      const overheadVsLatency = timing(app.map((t) => t - MOCK_LATENCY_MS).sort((a, b) => a - b));
      const rows = [
        ["gradeWithLlm, total", ms(total.median), ms(total.p95)],
        ["bare SDK call on the same stream", ms(sdk.median), ms(sdk.p95)],
        [`app overhead: total - mocked latency (${MOCK_LATENCY_MS} ms)`, ms(overheadVsLatency.median), ms(overheadVsLatency.p95)],
        ["app overhead: total - bare SDK (target < 5 ms)", ms(total.median - sdk.median), ms(total.p95 - sdk.p95)],
      ];
      return `${ITERATIONS} grades of a 300-word answer\n\n${formatTable(["measure", "median ms", "p95 ms"], rows)}`;
    } finally {
      server.close();
      openAiMock.reset();
      process.env = saved;
      resetEnvForTests();
      resetOpenAiClientForTests();
    }
  },
};
