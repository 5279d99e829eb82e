import { eq, sql } from "drizzle-orm";
import { http } from "msw";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { answers, grades, llmCalls, roundQuestions } from "../../db/schema";
import { getDb } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { action as streamAction } from "~/routes/rounds.$roundId.questions.$position.grade-stream/route";
import { mockLlmForEachTest, mockServer, setLlmEnv } from "../mocks/llm-test-env";
import { openAiMock } from "../mocks/openai";
import { GOOD_ANSWER, takeRound } from "../utils/review";
import { createSignedInUser, post } from "../utils/routes";

/** Issue 14, defects 4 and 6: what one user can make the LLM cost. */

mockLlmForEachTest({ OPENAI_MAX_RETRIES: "0", GRADER: "auto" });

const OWN_KEYS = [
  "LLM_CONCURRENCY_PER_USER",
  "LLM_CONCURRENCY_TOTAL",
  "LLM_QUEUE_WAIT_MS",
  "LLM_REPLY_MAX_BYTES",
];
function setCostEnv(values: Record<string, string>) {
  for (const [key, value] of Object.entries(values)) process.env[key] = value;
  resetEnvForTests();
}
afterEach(() => {
  for (const key of OWN_KEYS) delete process.env[key];
  resetEnvForTests();
});

type Who = Awaited<ReturnType<typeof createSignedInUser>>;
let alice: Who;
beforeEach(async () => {
  alice = await createSignedInUser("cost");
});

/** `rounds` rounds of `perRound` submitted (ungraded) answers; the stream paths of each. */
async function submittedAnswers(who: Who, rounds: number, perRound: number) {
  const streams: { roundId: string; position: string }[] = [];
  for (let r = 0; r < rounds; r += 1) {
    const roundId = await takeRound(who, {
      count: perRound,
      answers: Array.from({ length: perRound }, () => GOOD_ANSWER),
    });
    for (let p = 1; p <= perRound; p += 1) streams.push({ roundId, position: String(p) });
  }
  return streams;
}

async function openStream(who: Who, { roundId, position }: { roundId: string; position: string }) {
  const response = await streamAction({
    request: post(
      `/rounds/${roundId}/questions/${position}/grade-stream?slot=0`,
      {},
      { cookie: who.cookie },
    ),
    params: { roundId, position },
    context: {},
  });
  return response.text();
}

function gradesOf(userRounds: string[]) {
  return getDb()
    .select({ grader: grades.grader, fallbackReason: grades.fallbackReason })
    .from(grades)
    .innerJoin(answers, eq(answers.id, grades.answerId))
    .innerJoin(roundQuestions, eq(roundQuestions.id, answers.roundQuestionId))
    .where(sql`${roundQuestions.roundId} in ${userRounds}`)
    .all();
}

describe("the daily LLM limit counts calls, not grades", () => {
  test(
    "one user opening 50 grade streams at once with LLM_DAILY_LIMIT=3 causes at most 3 upstream calls",
    { timeout: 120_000 },
    async () => {
      setLlmEnv({ LLM_DAILY_LIMIT: "3" });
      openAiMock.configure({ latencyMs: 50 });
      const streams = await submittedAnswers(alice, 5, 10);
      expect(streams).toHaveLength(50);
      const before = openAiMock.requests.length;

      const bodies = await Promise.all(streams.map((s) => openStream(alice, s)));

      expect(openAiMock.requests.length - before).toBeLessThanOrEqual(3);
      for (const body of bodies) expect(body).toMatch(/event: done/);
      const stored = gradesOf([...new Set(streams.map((s) => s.roundId))]);
      expect(stored).toHaveLength(50);
      expect(stored.filter((g) => g.grader === "openai").length).toBeLessThanOrEqual(3);
      const offline = stored.filter((g) => g.grader === "offline");
      expect(offline.length).toBeGreaterThanOrEqual(47);
      for (const g of offline) expect(g.fallbackReason).toMatch(/today's limit of 3 LLM calls/);
      // The calls are stored, not kept in memory.
      const calls = getDb().select().from(llmCalls).where(eq(llmCalls.userId, alice.user.id)).all();
      expect(calls.length).toBeLessThanOrEqual(3);
      expect(calls.every((c) => c.finishedAt !== null)).toBe(true);
    },
  );

  test("deleting a round does not hand back the day's calls", { timeout: 60_000 }, async () => {
    setLlmEnv({ LLM_DAILY_LIMIT: "5" });
    const [one] = await submittedAnswers(alice, 1, 1);
    await openStream(alice, one!);
    const { llmGradesToday } = await import("~/grading/grade-answer.server");
    const used = llmGradesToday(alice.user.id);
    expect(used).toBeGreaterThanOrEqual(1);
    getDb().run(sql`delete from rounds where id = ${one!.roundId}`);
    expect(llmGradesToday(alice.user.id)).toBe(used);
  });
});

describe("LLM concurrency", () => {
  test(
    "at most LLM_CONCURRENCY_PER_USER gradings of one user run at once; the rest wait and are graded by the LLM",
    { timeout: 60_000 },
    async () => {
      setLlmEnv({ LLM_DAILY_LIMIT: "100" });
      setCostEnv({ LLM_CONCURRENCY_PER_USER: "2", LLM_CONCURRENCY_TOTAL: "10" });
      openAiMock.configure({ latencyMs: 150 });
      let running = 0;
      let most = 0;
      mockServer.events.on("request:start", () => {
        running += 1;
        most = Math.max(most, running);
      });
      mockServer.events.on("response:mocked", () => (running -= 1));
      try {
        const streams = await submittedAnswers(alice, 1, 6);
        await Promise.all(streams.map((s) => openStream(alice, s)));
        const stored = gradesOf([streams[0]!.roundId]);
        expect(stored.filter((g) => g.grader === "openai")).toHaveLength(6);
      } finally {
        mockServer.events.removeAllListeners();
      }
      expect(most).toBeLessThanOrEqual(2);
    },
  );

  test(
    "a grading that cannot get a slot in LLM_QUEUE_WAIT_MS is graded offline and says why",
    { timeout: 60_000 },
    async () => {
      setLlmEnv({ LLM_DAILY_LIMIT: "100" });
      setCostEnv({ LLM_CONCURRENCY_PER_USER: "1", LLM_QUEUE_WAIT_MS: "0" });
      openAiMock.configure({ latencyMs: 300 });
      const streams = await submittedAnswers(alice, 1, 3);
      await Promise.all(streams.map((s) => openStream(alice, s)));
      const stored = gradesOf([streams[0]!.roundId]);
      expect(stored.filter((g) => g.grader === "openai")).toHaveLength(1);
      for (const g of stored.filter((g) => g.grader === "offline"))
        expect(g.fallbackReason).toMatch(/LLM was busy/);
    },
  );
});

describe("the LLM reply size cap", () => {
  test(
    "a 30 MB reply is cut off at LLM_REPLY_MAX_BYTES and the answer is graded offline, labelled",
    { timeout: 60_000 },
    async () => {
      setCostEnv({ LLM_REPLY_MAX_BYTES: String(64 * 1024) });
      let sent = 0;
      mockServer.use(
        http.post("*/chat/completions", () => {
          const piece = new TextEncoder().encode(
            `data: ${JSON.stringify({ id: "x", object: "chat.completion.chunk", created: 0, model: "gpt-4o-mini", choices: [{ index: 0, delta: { content: "a".repeat(4000) }, finish_reason: null }] })}\n\n`,
          );
          const body = new ReadableStream<Uint8Array>({
            pull(controller) {
              if (sent > 30 * 1024 * 1024) return controller.close();
              sent += piece.byteLength;
              controller.enqueue(piece);
            },
          });
          return new Response(body, { headers: { "Content-Type": "text/event-stream" } });
        }),
      );
      const [one] = await submittedAnswers(alice, 1, 1);
      const body = await openStream(alice, one!);
      expect(body).toMatch(/event: done/);
      const [stored] = gradesOf([one!.roundId]);
      expect(stored).toMatchObject({ grader: "offline" });
      expect(stored!.fallbackReason).toMatch(/larger than 64 KB/);
      // Read no further than the cap (plus what was already in flight), never the 30 MB.
      expect(sent).toBeLessThan(2 * 1024 * 1024);
    },
  );
});
