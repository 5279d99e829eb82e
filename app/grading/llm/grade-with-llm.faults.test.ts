import { describe, expect, test, vi } from "vitest";
import { setLlmEnv, mockLlmForEachTest } from "../../../tests/mocks/llm-test-env";
import { openAiMock } from "../../../tests/mocks/openai";
import { gradeWithLlm, type GradeWithLlmOptions, type LlmProgress } from "./grade-with-llm.server";
import { MAX_RETRY_AFTER_MS } from "./retry";
import { failure, makeRequest } from "./test-factories";

// Relevance pinned to a plain word check: these tests are about streaming, retries, samples and storage.
vi.mock("~/grading/llm/relevance", () =>
  import("~/grading/llm/test-factories").then((m) => m.lexicalRelevanceModule()),
);

mockLlmForEachTest({ OPENAI_MAX_RETRIES: "3" });

/** Records the waits instead of waiting; jitter fixed at half the ceiling. */
function recorder() {
  const sleeps: number[] = [];
  const events: LlmProgress[] = [];
  const options: GradeWithLlmOptions = {
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    onProgress: (e) => events.push(e),
  };
  return { sleeps, events, options };
}

describe("429 rate limiting", () => {
  test("is retried after the Retry-After seconds, then succeeds", async () => {
    const { sleeps, events, options } = recorder();
    openAiMock.failNext({ type: "rate-limit", retryAfter: "2" }, 2);
    const { grade } = await gradeWithLlm(makeRequest(), options);
    expect(grade.criteria).toHaveLength(4);
    expect(sleeps).toEqual([2000, 2000]);
    expect(openAiMock.requests).toHaveLength(3);
    expect(events.filter((e) => e.type === "retrying")).toEqual([
      {
        type: "retrying",
        retry: 1,
        delayMs: 2000,
        reason: "The model server was rate-limiting (429)",
      },
      {
        type: "retrying",
        retry: 2,
        delayMs: 2000,
        reason: "The model server was rate-limiting (429)",
      },
    ]);
  });

  test("honours Retry-After as an HTTP date and retry-after-ms", async () => {
    const { sleeps, options } = recorder();
    const inFiveSeconds = new Date(Date.now() + 5000).toUTCString();
    openAiMock.failNext({ type: "rate-limit", retryAfter: inFiveSeconds });
    openAiMock.failNext({ type: "rate-limit", retryAfterMs: "750" });
    await gradeWithLlm(makeRequest(), options);
    expect(sleeps[0]).toBeGreaterThan(3000);
    expect(sleeps[0]).toBeLessThanOrEqual(5000);
    expect(sleeps[1]).toBe(750);
  });

  test("caps a very long Retry-After", async () => {
    const { sleeps, options } = recorder();
    openAiMock.failNext({ type: "rate-limit", retryAfter: "3600" });
    await gradeWithLlm(makeRequest(), options);
    expect(sleeps).toEqual([MAX_RETRY_AFTER_MS]);
  });

  test("without Retry-After backs off exponentially with jitter", async () => {
    const { sleeps, options } = recorder();
    openAiMock.failNext("rate-limit", 3);
    await gradeWithLlm(makeRequest(), options);
    expect(sleeps).toEqual([250, 500, 1000]);
  });

  test("fails after OPENAI_MAX_RETRIES retries with a plain reason", async () => {
    const { options } = recorder();
    openAiMock.failAlways({ type: "rate-limit", retryAfter: "1" });
    const error = await failure(gradeWithLlm(makeRequest(), options));
    expect(error.kind).toBe("rate_limited");
    expect(error.status).toBe(429);
    expect(error.reason).toBe("The model server was rate-limiting (429) after 3 retries");
    expect(openAiMock.requests).toHaveLength(4);
  });
});

describe("5xx server errors", () => {
  test("a 500 is retried and the next attempt succeeds", async () => {
    const { sleeps, options } = recorder();
    openAiMock.failNext({ type: "server-error", status: 500 });
    const { grade } = await gradeWithLlm(makeRequest(), options);
    expect(grade.criteria).toHaveLength(4);
    expect(sleeps).toEqual([250]);
  });

  test("a lasting 503 fails after the configured retries", async () => {
    setLlmEnv({ OPENAI_MAX_RETRIES: "2" });
    const { sleeps, options } = recorder();
    openAiMock.failAlways({ type: "server-error", status: 503 });
    const error = await failure(gradeWithLlm(makeRequest(), options));
    expect(error.kind).toBe("server_error");
    expect(error.reason).toBe("The model server kept failing (HTTP 503) after 2 retries");
    expect(sleeps).toEqual([250, 500]);
    expect(openAiMock.requests).toHaveLength(3);
  });

  test("with OPENAI_MAX_RETRIES=0 there is one attempt", async () => {
    setLlmEnv({ OPENAI_MAX_RETRIES: "0" });
    openAiMock.failAlways("server-error");
    const error = await failure(gradeWithLlm(makeRequest(), recorder().options));
    expect(error.reason).toBe("The model server kept failing (HTTP 500)");
    expect(openAiMock.requests).toHaveLength(1);
  });
});

describe("network errors", () => {
  test("are retried", async () => {
    const { sleeps, options } = recorder();
    openAiMock.failNext("network-error");
    const { grade } = await gradeWithLlm(makeRequest(), options);
    expect(grade.criteria).toHaveLength(4);
    expect(sleeps).toHaveLength(1);
  });

  test("fail after the retries, naming the server", async () => {
    openAiMock.failAlways("network-error");
    const error = await failure(gradeWithLlm(makeRequest(), recorder().options));
    expect(error.kind).toBe("network");
    expect(error.reason).toMatch(
      /^Could not reach the model server at mock-llm\.test\/v1.* after 3 retries$/,
    );
  });
});

describe("timeouts", () => {
  test("a server that never answers times out after OPENAI_TIMEOUT_MS, without retrying", async () => {
    setLlmEnv({ OPENAI_TIMEOUT_MS: "1000" });
    openAiMock.failAlways("hang");
    // The deadline runs on a fake clock: no real second passes, and it cannot fire early.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      let settled = false;
      const outcome = failure(gradeWithLlm(makeRequest(), recorder().options)).finally(
        () => (settled = true),
      );
      await vi.advanceTimersByTimeAsync(999);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const error = await outcome;
      expect(error.kind).toBe("timeout");
      expect(error.reason).toBe("The model timed out after 1 s");
      expect(openAiMock.requests).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  test("the deadline covers the whole stream, not only the headers", async () => {
    setLlmEnv({ OPENAI_TIMEOUT_MS: "1000" });
    openAiMock.failAlways("stall-mid-stream");
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      const outcome = failure(gradeWithLlm(makeRequest(), recorder().options));
      await vi.advanceTimersByTimeAsync(1000);
      const error = await outcome;
      expect(error.kind).toBe("timeout");
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("a reply that breaks the format is asked for once more with the reason (no backoff), then fails", () => {
  test.each([
    ["malformed-json", "malformed_output", /^The model's reply was not valid JSON$/],
    [
      "schema-breaking",
      "schema_mismatch",
      /^The model's reply did not match the grade format \(criteria(\.[a-z-]+)?\.?[a-z]*: /,
    ],
  ] as const)("%s", async (fault, kind, reason) => {
    const { sleeps, options } = recorder();
    openAiMock.failAlways(fault);
    const error = await failure(gradeWithLlm(makeRequest(), options));
    expect(error.kind).toBe(kind);
    expect(error.reason).toMatch(reason);
    expect(sleeps).toEqual([]);
    expect(openAiMock.requests).toHaveLength(2);
    expect(openAiMock.requests[1]?.messages.at(-1)?.content).toMatch(
      /^Your reply could not be accepted: /,
    );
  });

  test("a malformed reply followed by a good one is a grade", async () => {
    openAiMock.failNext("malformed-json");
    const { grade } = await gradeWithLlm(makeRequest(), recorder().options);
    expect(grade.checks?.retried).toBe(true);
    expect(openAiMock.requests).toHaveLength(2);
  });
});

describe("bad replies fail at once, without retrying", () => {
  test.each([
    [
      "refusal",
      "refusal",
      /^The model refused to grade this answer \("I'm sorry, I can't help with that request\."\)$/,
    ],
    ["stream-cut", "stream_cut", /^The model's reply was cut off mid-way$/],
    ["stream-reset", "stream_cut", /^The model's reply was cut off mid-way$/],
    ["length", "truncated", /^The model's reply was cut off at its output token limit$/],
    ["unauthorized", "rejected", /^The model server refused the API key \(HTTP 401\)$/],
  ] as const)("%s", async (fault, kind, reason) => {
    const { sleeps, options } = recorder();
    openAiMock.failAlways(fault);
    const error = await failure(gradeWithLlm(makeRequest(), options));
    expect(error.kind).toBe(kind);
    expect(error.reason).toMatch(reason);
    expect(sleeps).toEqual([]);
    expect(openAiMock.requests).toHaveLength(1);
  });

  test("a stream cut mid-way has shown previews, which the caller must discard", async () => {
    const { events, options } = recorder();
    openAiMock.configure({ chunkSize: 8 });
    openAiMock.failAlways("stream-cut");
    await failure(gradeWithLlm(makeRequest(), options));
    expect(events.some((e) => e.type === "criterion")).toBe(true);
    expect(events.some((e) => e.type === "probes")).toBe(false);
  });
});

describe("cancellation", () => {
  test("aborting while waiting to retry fails as aborted", async () => {
    const controller = new AbortController();
    openAiMock.failAlways({ type: "rate-limit", retryAfter: "30" });
    const run = gradeWithLlm(makeRequest(), {
      signal: controller.signal,
      onProgress: (e) => {
        if (e.type === "retrying") setTimeout(() => controller.abort(), 5);
      },
    });
    const error = await failure(run);
    expect(error.kind).toBe("aborted");
    expect(openAiMock.requests).toHaveLength(1);
  });

  test("aborting mid-stream fails as aborted", async () => {
    const controller = new AbortController();
    openAiMock.failAlways("stall-mid-stream");
    const run = gradeWithLlm(makeRequest(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failure(run);
    expect(error.kind).toBe("aborted");
  });
});
