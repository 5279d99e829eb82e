import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { answers, grades, roundQuestions } from "../../db/schema";
import { getDb } from "~/db.server";
import { loader as settingsLoader } from "~/routes/settings/route";
import { action as streamAction } from "~/routes/rounds.$roundId.questions.$position.grade-stream/route";
import {
  action as questionAction,
  loader as questionLoader,
} from "~/routes/rounds.$roundId.questions.$position._index/route";
import { action as practiseAction } from "~/routes/questions.$questionId/route";
import { mockLlmForEachTest, setLlmEnv } from "../mocks/llm-test-env";
import { openAiMock } from "../mocks/openai";
import { createSignedInUser, get, post, run } from "../utils/routes";

mockLlmForEachTest({ OPENAI_MAX_RETRIES: "0", GRADER: "auto" });

const ANSWER =
  "REST models the domain as resources such as /orders/42 identified by URIs, and the HTTP method carries the intent. " +
  "GET is idempotent, so clients can retry it safely, while POST needs an idempotency key.";

type Who = Awaited<ReturnType<typeof createSignedInUser>>;
let alice: Who;
let bob: Who;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

/**
 * Answers explain-rest-apis (always that question: with a random one, the mocked model's quotes sometimes
 * missed a criterion, a correction call followed, and call counts varied from run to run).
 */
async function submitAnswer(who: Who) {
  const round = await run(
    practiseAction,
    post("/questions/explain-rest-apis", { intent: "practise" }, { cookie: who.cookie }),
    { questionId: "explain-rest-apis" },
  );
  expect(round.status).toBe(302);
  const roundId = round.location!.split("/")[2]!;
  const params = { roundId, position: "1" };
  const path = `/rounds/${roundId}/questions/1`;
  await run(questionLoader, get(path, who.cookie), params);
  const submitted = await run(
    questionAction,
    post(path, { intent: "submit", answer: ANSWER }, { cookie: who.cookie }),
    params,
  );
  expect(submitted.status).toBe(302);
  return { roundId, params, path };
}

async function readEvents(who: Who, path: string, params: Record<string, string>) {
  const outcome = await streamAction({
    request: post(`${path}/grade-stream?slot=0`, {}, { cookie: who.cookie }),
    params,
    context: {},
  });
  expect(outcome.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
  const text = await outcome.text();
  return text
    .trim()
    .split("\n\n")
    .map((block) => {
      const [eventLine, dataLine] = block.split("\n");
      return {
        event: eventLine!.slice("event: ".length),
        data: JSON.parse(dataLine!.slice("data: ".length)) as Record<string, unknown>,
      };
    });
}

function storedGrades(roundId: string) {
  return getDb()
    .select({ grade: grades })
    .from(grades)
    .innerJoin(answers, eq(answers.id, grades.answerId))
    .innerJoin(roundQuestions, eq(roundQuestions.id, answers.roundQuestionId))
    .where(eq(roundQuestions.roundId, roundId))
    .all()
    .map((r) => r.grade);
}

describe("grading with the LLM", () => {
  test("the answer is saved before any call; the grading streams and is stored with its cost", async () => {
    const { roundId, params, path } = await submitAnswer(alice);
    // Saved, not yet graded: the page offers the stream.
    const page = (await run(questionLoader, get(path, alice.cookie), params)).data as {
      answer: { text: string; grade: unknown };
      gradeStreamUrl: string;
    };
    expect(page.answer.text).toBe(ANSWER);
    expect(page.answer.grade).toBeNull();
    expect(page.gradeStreamUrl).toBe(`${path}/grade-stream?slot=0`);

    const events = await readEvents(alice, path, params);
    expect(events[0]).toMatchObject({ event: "progress", data: { type: "started" } });
    expect(events.filter((e) => e.data.type === "criterion").length).toBeGreaterThanOrEqual(3);
    expect(events.some((e) => e.data.type === "probes")).toBe(true);
    expect(events.at(-1)!.event).toBe("done");

    const [stored] = storedGrades(roundId);
    expect(stored).toMatchObject({ grader: "openai", fallbackReason: null });
    expect(stored!.promptVersion).toMatch(/grade-answer@\d+/);
    expect(stored!.tokensIn).toBeGreaterThan(0);
    expect(stored!.tokensOut).toBeGreaterThan(0);
    expect(stored!.latencyMs).toBeGreaterThanOrEqual(0);

    // A second stream (another tab) finds the grade and does not call the model again.
    const calls = openAiMock.requests.length;
    const again = await readEvents(alice, path, params);
    expect(again.map((e) => e.event)).toEqual(["done"]);
    expect(openAiMock.requests.length).toBe(calls);
  });

  test.each([
    "server-error",
    "rate-limit",
    "network-error",
    "malformed-json",
    "schema-breaking",
    "refusal",
    "stream-cut",
  ] as const)(
    "when the LLM fails (%s) the answer is kept, graded offline, and the reason shown",
    async (fault) => {
      openAiMock.failAlways(fault);
      const { roundId, params, path } = await submitAnswer(alice);
      const events = await readEvents(alice, path, params);
      const fallback = events.find((e) => e.data.type === "fallback");
      expect(fallback?.data.reason).toEqual(expect.any(String));
      expect(events.at(-1)!.event).toBe("done");
      const [stored] = storedGrades(roundId);
      expect(stored!.grader).toBe("offline");
      expect(stored!.fallbackReason).toBe(fallback!.data.reason);
      const page = (await run(questionLoader, get(path, alice.cookie), params)).data as {
        answer: { text: string; grade: { provenance: { fallbackReason: string } } };
        canRegrade: boolean;
      };
      expect(page.answer.text).toBe(ANSWER);
      expect(page.answer.grade.provenance.fallbackReason).toBe(fallback!.data.reason);
      expect(page.canRegrade).toBe(true);
    },
  );

  test("an offline fallback can be re-graded with the LLM once it is back", async () => {
    openAiMock.failNext("server-error");
    const { roundId, params, path } = await submitAnswer(alice);
    await readEvents(alice, path, params);
    const regraded = await run(
      questionAction,
      post(path, { intent: "regrade" }, { cookie: alice.cookie }),
      params,
    );
    expect(regraded.status).toBe(302);
    expect(
      storedGrades(roundId)
        .map((g) => g.grader)
        .sort(),
    ).toEqual(["offline", "openai"]);
    const page = (await run(questionLoader, get(path, alice.cookie), params)).data as {
      answer: { grade: { provenance: { grader: string } } };
      canRegrade: boolean;
    };
    expect(page.answer.grade.provenance.grader).toBe("openai");
    expect(page.canRegrade).toBe(false);
    // Only a fallback grade can be re-graded.
    const refused = await run(
      questionAction,
      post(path, { intent: "regrade" }, { cookie: alice.cookie }),
      params,
    );
    expect(refused.status).toBe(400);
  });

  test("the daily limit sends further answers to the offline grader with a clear reason", async () => {
    // The limit counts calls to the model (a grading may make two: a correction), as they are made.
    setLlmEnv({ LLM_DAILY_LIMIT: "2" });
    const first = await submitAnswer(alice);
    await readEvents(alice, first.path, first.params);
    expect(openAiMock.requests.length).toBeLessThanOrEqual(2);
    setLlmEnv({ LLM_DAILY_LIMIT: String(openAiMock.requests.length) });
    const second = await submitAnswer(alice);
    // Past the limit the plan is offline, so the answer is graded right away in the action.
    const [stored] = storedGrades(second.roundId);
    expect(stored!.grader).toBe("offline");
    expect(stored!.fallbackReason).toMatch(/limit of \d LLM calls/);
    // Another user still has their own allowance.
    const bobs = await submitAnswer(bob);
    await readEvents(bob, bobs.path, bobs.params);
    expect(storedGrades(bobs.roundId)[0]!.grader).toBe("openai");
  });

  test("GRADER=offline never calls the model, even with a base URL", async () => {
    setLlmEnv({ GRADER: "offline" });
    const { roundId } = await submitAnswer(alice);
    expect(storedGrades(roundId)[0]).toMatchObject({ grader: "offline", fallbackReason: null });
    expect(openAiMock.requests).toHaveLength(0);
  });

  test("another user's grade stream is a 404 and grades nothing", async () => {
    const { roundId, params, path } = await submitAnswer(alice);
    const outcome = await run(
      streamAction,
      post(`${path}/grade-stream?slot=0`, {}, { cookie: bob.cookie }),
      params,
    );
    expect(outcome.status).toBe(404);
    expect(storedGrades(roundId)).toHaveLength(0);
  });
});

describe("the settings page", () => {
  test("shows the grader, model and usage, never the key", async () => {
    setLlmEnv({ OPENAI_API_KEY: "sk-secret-key-123" });
    const { path, params } = await submitAnswer(alice);
    await readEvents(alice, path, params);
    const page = await run(settingsLoader, get("/settings", alice.cookie));
    const body = JSON.stringify(page.data);
    expect(body).not.toContain("sk-secret-key-123");
    expect(page.data).toMatchObject({
      plan: { grader: "openai" },
      llm: { model: "gpt-4o-mini", server: "mock-llm.test/v1" },
      usedToday: openAiMock.requests.length,
      usage: [{ grader: "openai", grades: 1 }],
      // Transcription falls back to the OpenAI settings: configured, with whisper-1 on the same server.
      transcription: { configured: true, model: "whisper-1", server: "mock-llm.test/v1" },
    });
  });

  test("signed out: sent to log in", async () => {
    const page = await run(settingsLoader, get("/settings"));
    expect(page.status).toBe(302);
  });
});
