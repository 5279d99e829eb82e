import { describe, expect, test } from "vitest";
import { gradeSchema } from "~/grading/grade-schema";
import { setLlmEnv, mockLlmForEachTest } from "../../../tests/mocks/llm-test-env";
import { goodGrade, MOCK_MODEL_VERSION, openAiMock } from "../../../tests/mocks/openai";
import { gradeWithLlm, type LlmProgress } from "./grade-with-llm.server";
import { PLACEHOLDER_API_KEY } from "./openai-client.server";
import { CLEAN_REST_ANSWER, behaviouralQuestion, failure, makeRequest } from "./test-factories";

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
      promptVersion: "grade-answer@1+follow-up-probes@1",
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
      max_tokens: 2500,
    });
    expect(body?.stream_options).toEqual({ include_usage: true });
    expect(body?.response_format?.type).toBe("json_schema");
    const schema = JSON.stringify(body?.response_format?.json_schema?.schema);
    expect(schema).toContain(
      '"enum":["resources-and-uris","http-methods-and-status","statelessness-and-caching","trade-offs"]',
    );
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

  test("reports progress as the reply streams: each criterion, then feedback, then probes", async () => {
    const events: LlmProgress[] = [];
    openAiMock.configure({ chunkSize: 3 });
    const { grade } = await gradeWithLlm(makeRequest(), { onProgress: (e) => events.push(e) });
    expect(events.map((e) => e.type)).toEqual([
      "started",
      "criterion",
      "criterion",
      "criterion",
      "criterion",
      "feedback",
      "probes",
    ]);
    expect(events.flatMap((e) => (e.type === "criterion" ? [e.criterion] : []))).toEqual(
      grade.criteria,
    );
    expect(events[5]).toEqual({
      type: "feedback",
      strengths: grade.strengths,
      improvements: grade.improvements,
    });
    expect(events[6]).toEqual({ type: "probes", probes: grade.probes });
  });

  test("a throwing progress listener does not fail the grade", async () => {
    const result = await gradeWithLlm(makeRequest(), {
      onProgress: () => {
        throw new Error("the page went away");
      },
    });
    expect(result.grade.criteria).toHaveLength(4);
  });

  test("never trusts the model's overall, clamps its scores and drops invented quotes and criteria", async () => {
    openAiMock.reply((context) => {
      const grade = goodGrade(context);
      grade.criteria = grade.criteria.map((c, i) => ({ ...c, score: [9, 0, 2.6, 4][i] ?? 3 }));
      grade.criteria[1] = { ...grade.criteria[1]!, evidence: "I designed Stripe's payment API." };
      grade.criteria.push({
        criterionId: "charisma",
        score: 5,
        evidence: null,
        rationale: "Invented.",
      });
      return { overall: 5, ...grade };
    });
    const { grade } = await gradeWithLlm(makeRequest());
    expect(grade.criteria.map((c) => c.score)).toEqual([5, 1, 3, 4]);
    expect(grade.overall).toBe(3.2); // (5*3 + 1*3 + 3*2 + 4*2) / 10, not the 5 the model claimed
    expect(grade.criteria[1]?.evidence).toBeNull();
    expect(grade.criteria.map((c) => c.criterionId)).not.toContain("charisma");
  });

  test("fails when the model leaves out a rubric criterion", async () => {
    openAiMock.reply((context) => {
      const grade = goodGrade(context);
      grade.criteria = grade.criteria.slice(0, 3);
      return grade;
    });
    const error = await failure(gradeWithLlm(makeRequest()));
    expect(error.kind).toBe("incomplete");
    expect(error.reason).toBe(
      "The model did not score every rubric criterion (missing: Trade-offs and design judgement)",
    );
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
