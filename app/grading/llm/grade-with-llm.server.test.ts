import { describe, expect, test, vi } from "vitest";
import { gradeSchema } from "~/grading/grade-schema";
import { setLlmEnv, mockLlmForEachTest } from "../../../tests/mocks/llm-test-env";
import {
  goodGrade,
  MOCK_MODEL_VERSION,
  openAiMock,
  type MockCriterionReply,
} from "../../../tests/mocks/openai";
import { gradeWithLlm, type LlmProgress } from "./grade-with-llm.server";
import { PLACEHOLDER_API_KEY } from "./openai-client.server";
import { CLEAN_REST_ANSWER, behaviouralQuestion, failure, makeRequest } from "./test-factories";

// Relevance pinned to a plain word check: these tests are about streaming, retries, samples and storage.
vi.mock("~/grading/llm/relevance", () =>
  import("~/grading/llm/test-factories").then((m) => m.lexicalRelevanceModule()),
);

mockLlmForEachTest();

const noWait = { sleep: async () => {} };

describe("gradeWithLlm on a good streamed reply", () => {
  test("returns a valid grade with its provenance", async () => {
    const { grade, provenance } = await gradeWithLlm(makeRequest());
    expect(gradeSchema.parse(grade)).toEqual(grade);
    expect(grade.criteria.map((c) => c.score)).toEqual([4, 3, 5, 2]);
    expect(grade.overall).toBe(3.5);
    expect(grade.criteria[0]?.evidence).toMatch(/^REST models the domain/);
    expect(provenance).toMatchObject({
      grader: "openai",
      model: MOCK_MODEL_VERSION,
      promptVersion: "grade-answer@2+follow-up-probes@1",
      fallbackReason: null,
    });
    expect(provenance.tokensIn).toBeGreaterThan(500);
    expect(provenance.tokensOut).toBeGreaterThan(50);
    expect(provenance.latencyMs).toEqual(expect.any(Number));
  });

  test("asks for a streamed, temperature-0, schema-constrained reply with usage", async () => {
    await gradeWithLlm(makeRequest());
    const [body] = openAiMock.requests;
    expect(body).toMatchObject({
      model: "gpt-4o-mini",
      stream: true,
      temperature: 0,
      max_tokens: 3000,
    });
    expect(body?.stream_options).toEqual({ include_usage: true });
    expect(body?.response_format?.type).toBe("json_schema");
    const schema = body?.response_format?.json_schema?.schema as {
      properties: { criteria: { required: string[] } };
    };
    expect(schema.properties.criteria.required).toEqual([
      "resources-and-uris",
      "http-methods-and-status",
      "statelessness-and-caching",
      "trade-offs",
    ]);
    expect(body?.messages.map((m) => m.role)).toEqual(["system", "user"]);
  });

  test("puts the question, rubric and reference answer before the nonce-delimited answer", async () => {
    const request = makeRequest();
    await gradeWithLlm(request);
    const [system, user] = openAiMock.requests[0]?.messages ?? [];
    const nonce = /<candidate_answer_([0-9a-f]{16})>/.exec(user?.content ?? "")?.[1];
    expect(nonce).toBeDefined();
    expect(system?.content).toContain(`<candidate_answer_${nonce}>`);
    expect(system?.content).toMatch(/untrusted/);
    expect(user?.content).toContain(request.question.examples.strong);
    expect(user?.content).toContain("Misconceptions that cost points:");
    expect(user?.content).toContain(
      `<candidate_answer_${nonce}>\n${CLEAN_REST_ANSWER}\n</candidate_answer_${nonce}>`,
    );
    await gradeWithLlm(request);
    expect(openAiMock.requests[1]?.messages[1]?.content).not.toContain(nonce);
  });

  test("reports progress as the reply streams: each criterion's rationale, then its score, then feedback, then probes", async () => {
    const events: LlmProgress[] = [];
    openAiMock.configure({ chunkSize: 3 });
    const { grade } = await gradeWithLlm(makeRequest(), { onProgress: (e) => events.push(e) });
    expect(events.map((e) => e.type)).toEqual([
      "started",
      ...grade.criteria.flatMap(() => ["rationale", "criterion"]),
      "feedback",
      "probes",
    ]);
    expect(
      events.flatMap((e) => (e.type === "rationale" ? [[e.criterionId, e.rationale]] : [])),
    ).toEqual(grade.criteria.map((c) => [c.criterionId, c.rationale]));
    expect(events.flatMap((e) => (e.type === "criterion" ? [e.criterion] : []))).toEqual(
      grade.criteria.map((c) => ({ ...c, spread: null })),
    );
    expect(events[9]).toEqual({
      type: "feedback",
      strengths: grade.strengths,
      improvements: grade.improvements,
    });
    expect(events[10]).toEqual({ type: "probes", probes: grade.probes });
  });

  test("a throwing progress listener does not fail the grade", async () => {
    const result = await gradeWithLlm(makeRequest(), {
      onProgress: () => {
        throw new Error("the page went away");
      },
    });
    expect(result.grade.criteria).toHaveLength(4);
  });

  test("never trusts the model's overall, drops invented quotes and criteria the rubric lacks", async () => {
    openAiMock.reply((context) => {
      const grade = goodGrade(context);
      const criteria = grade.criteria as Record<string, MockCriterionReply>;
      criteria["http-methods-and-status"] = {
        evidence: ["I designed Stripe's payment API."],
        rationale: "Invented, and scored low.",
        score: 2,
      };
      criteria.charisma = { evidence: [], rationale: "Invented.", score: 5 };
      return { overall: 5, ...grade };
    });
    const { grade } = await gradeWithLlm(makeRequest());
    expect(grade.criteria.map((c) => c.score)).toEqual([4, 2, 5, 2]);
    expect(grade.overall).toBe(3.2); // (4*3 + 2*3 + 5*2 + 2*2) / 10, not the 5 the model claimed
    expect(grade.criteria[1]?.evidence).toBeNull();
    expect(grade.criteria.map((c) => c.criterionId)).not.toContain("charisma");
    expect(openAiMock.requests).toHaveLength(1);
  });

  test("a reply that leaves out a rubric criterion is asked for once more, then fails", async () => {
    openAiMock.reply((context) => {
      const grade = goodGrade(context);
      delete (grade.criteria as Record<string, unknown>)["trade-offs"];
      return grade;
    });
    const error = await failure(gradeWithLlm(makeRequest()));
    expect(error.kind).toBe("incomplete");
    expect(error.reason).toBe(
      "The model did not score every rubric criterion (missing: Trade-offs and design judgement)",
    );
    expect(openAiMock.requests).toHaveLength(2);
  });

  test("grades a behavioural answer with its STAR parts", async () => {
    const events: LlmProgress[] = [];
    const request = makeRequest({
      question: behaviouralQuestion(),
      answer: "At 2 a.m. checkout failed for 30% of users. I rolled back the deploy in 12 minutes.",
    });
    const { grade } = await gradeWithLlm(request, { onProgress: (e) => events.push(e) });
    expect(grade.star).toEqual({ present: ["situation", "action"], missing: ["task", "result"] });
    expect(events).toContainEqual({ type: "star", star: grade.star });
    expect(openAiMock.requests[0]?.messages[1]?.content).toContain("Kind: behavioural");
  });

  test("grades a follow-up answer in the probe's context and never repeats asked probes", async () => {
    const probe = {
      question: "How would you make a POST that creates a payment safe to retry?",
      criterionId: null,
    };
    const asked =
      "What would you measure to know this design works, and what number would worry you?";
    const request = makeRequest({
      probe,
      askedProbes: [probe.question, asked],
      answer: "I would accept an Idempotency-Key header and store the first response.",
    });
    const { grade } = await gradeWithLlm(request);
    const user = openAiMock.requests[0]?.messages[1]?.content ?? "";
    expect(user).toContain(`"${probe.question}"`);
    expect(user).toMatch(/Probes already asked in this round[\s\S]*What would you measure/);
    expect(grade.probes.map((p) => p.question)).not.toContain(asked);
    expect(grade.probes.length).toBeGreaterThanOrEqual(2);
  });
});

describe("configuration", () => {
  test("a base URL alone is enough: the SDK gets a placeholder key", async () => {
    await gradeWithLlm(makeRequest());
    expect(openAiMock.authorizations[0]).toBe(`Bearer ${PLACEHOLDER_API_KEY}`);
  });

  test("a key is sent when set, and the model comes from OPENAI_MODEL", async () => {
    setLlmEnv({ OPENAI_API_KEY: "sk-test-123", OPENAI_MODEL: "llama3.1:8b" });
    const { provenance } = await gradeWithLlm(makeRequest());
    expect(openAiMock.authorizations[0]).toBe("Bearer sk-test-123");
    expect(openAiMock.requests[0]?.model).toBe("llama3.1:8b");
    expect(provenance.model).toBe("llama3.1:8b");
  });

  test("with neither key nor base URL it fails without calling anything", async () => {
    setLlmEnv({ OPENAI_BASE_URL: undefined, OPENAI_API_KEY: undefined });
    const error = await failure(gradeWithLlm(makeRequest()));
    expect(error.kind).toBe("not_configured");
    expect(openAiMock.requests).toHaveLength(0);
  });

  test("an already aborted signal fails at once", async () => {
    const error = await failure(gradeWithLlm(makeRequest(), { signal: AbortSignal.abort() }));
    expect(error.kind).toBe("aborted");
    expect(openAiMock.requests).toHaveLength(0);
  });
});

describe("servers without JSON-schema response formats", () => {
  test("fall back to JSON mode with the schema in the prompt, and are remembered", async () => {
    openAiMock.failAlways("json-schema-rejected");
    const { grade } = await gradeWithLlm(makeRequest(), noWait);
    expect(grade.criteria).toHaveLength(4);
    expect(openAiMock.requests.map((r) => r.response_format?.type)).toEqual([
      "json_schema",
      "json_object",
    ]);
    expect(openAiMock.requests[1]?.messages[0]?.content).toMatch(
      /matches this JSON Schema:\n\{"\$schema"/,
    );

    await gradeWithLlm(makeRequest(), noWait);
    expect(openAiMock.requests.map((r) => r.response_format?.type)).toEqual([
      "json_schema",
      "json_object",
      "json_object",
    ]);
  });

  test("a JSON-mode reply wrapped in prose and a code fence still parses", async () => {
    openAiMock.failAlways("json-schema-rejected");
    openAiMock.reply(
      (context) => `Here is the grade:\n\`\`\`json\n${JSON.stringify(goodGrade(context))}\n\`\`\``,
    );
    const { grade } = await gradeWithLlm(makeRequest(), noWait);
    expect(grade.overall).toBe(3.5);
  });
});

describe("self-consistency (LLM_SAMPLES)", () => {
  /** A model that varies: sample k scores criterion 0 as [2, 4, 5][k], the rest as goodGrade does. */
  const varying = (context: Parameters<typeof goodGrade>[0]) => {
    const grade = goodGrade(context);
    const criteria = grade.criteria as Record<string, MockCriterionReply>;
    const first = criteria["resources-and-uris"]!;
    criteria["resources-and-uris"] = { ...first, score: [2, 4, 5][context.sample] ?? 3 };
    return grade;
  };

  test("asks for n replies in one request, stores the median per criterion and the spread", async () => {
    setLlmEnv({ LLM_SAMPLES: "3" });
    openAiMock.reply(varying);
    const { grade } = await gradeWithLlm(makeRequest());
    expect(openAiMock.requests).toHaveLength(1);
    expect(openAiMock.requests[0]?.n).toBe(3);
    expect(grade.criteria[0]).toMatchObject({ score: 4, spread: 3 });
    expect(grade.criteria[1]).toMatchObject({ spread: 0 });
    expect(grade.checks).toMatchObject({ samples: 3 });
  });

  test("a server that ignores n is asked again for the rest", async () => {
    setLlmEnv({ LLM_SAMPLES: "3" });
    openAiMock.configure({ honourN: false });
    openAiMock.reply((context) => varying({ ...context, sample: openAiMock.requests.length - 1 }));
    const { grade } = await gradeWithLlm(makeRequest());
    expect(openAiMock.requests.map((r) => r.n ?? 1)).toEqual([3, 1, 1]);
    expect(grade.criteria[0]).toMatchObject({ score: 4, spread: 3 });
  });

  test("with one sample (the default) no n is sent and no spread stored", async () => {
    const { grade } = await gradeWithLlm(makeRequest());
    expect(openAiMock.requests[0]?.n).toBeUndefined();
    expect(grade.criteria.every((c) => c.spread === null)).toBe(true);
  });
});
