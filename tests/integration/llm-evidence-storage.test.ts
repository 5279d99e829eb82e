import { beforeEach, expect, test, vi } from "vitest";
import { latestGrades } from "~/grading/grades.server";
import { action as streamAction } from "~/routes/rounds.$roundId.questions.$position.grade-stream/route";
import {
  action as questionAction,
  loader as questionLoader,
} from "~/routes/rounds.$roundId.questions.$position._index/route";
import { action as newRoundAction } from "~/routes/rounds.new/route";
import { mockLlmForEachTest, setLlmEnv } from "../mocks/llm-test-env";
import {
  goodGrade,
  openAiMock,
  schemaCriterionIds,
  type MockCriterionReply,
} from "../mocks/openai";
import { createSignedInUser, get, post, run } from "../utils/routes";

// Relevance pinned to a plain word check: these tests are about streaming, retries, samples and storage.
vi.mock("~/grading/llm/relevance", () =>
  import("~/grading/llm/test-factories").then((m) => m.lexicalRelevanceModule()),
);

mockLlmForEachTest({ OPENAI_MAX_RETRIES: "0", GRADER: "auto" });

const ANSWER =
  "REST models the domain as resources such as /orders/42 identified by URIs, and the HTTP method carries the intent. " +
  "GET is idempotent, so clients can retry it safely, while POST needs an idempotency key.";

let who: Awaited<ReturnType<typeof createSignedInUser>>;
beforeEach(async () => {
  who = await createSignedInUser("carol");
});

async function gradeOneAnswer(): Promise<string> {
  const round = await run(
    newRoundAction,
    post("/rounds/new", { band: "3-5", count: "1", skills: ["rest-api"] }, { cookie: who.cookie }),
  );
  const roundId = round.location!.split("/")[2]!;
  const params = { roundId, position: "1" };
  const path = `/rounds/${roundId}/questions/1`;
  await run(questionLoader, get(path, who.cookie), params);
  await run(
    questionAction,
    post(path, { intent: "submit", answer: ANSWER }, { cookie: who.cookie }),
    params,
  );
  const stream = await streamAction({
    request: post(`${path}/grade-stream?slot=0`, {}, { cookie: who.cookie }),
    params,
    context: {},
  });
  await stream.text();
  const page = (await run(questionLoader, get(path, who.cookie), params)).data as {
    answer: { id: string };
  };
  return page.answer.id;
}

test("an LLM grade's quotes, spread, capped score and checks are stored and read back", async () => {
  setLlmEnv({ LLM_SAMPLES: "3" });
  openAiMock.reply((context) => {
    const grade = goodGrade(context);
    const criteria = grade.criteria as Record<string, MockCriterionReply>;
    const ids = schemaCriterionIds(context);
    const first = ids[0]!;
    // Sample k scores the first criterion 2, 4, 5 (median 4, spread 3), quoting the whole answer.
    criteria[first] = {
      evidence: context.sentences,
      rationale: "Covers it.",
      score: [2, 4, 5][context.sample] ?? 4,
    };
    // The last: a 4 with a quote the candidate never wrote, in every sample and on the retry.
    criteria[ids.at(-1)!] = {
      evidence: ["GraphQL avoids over-fetching."],
      rationale: "Weighs GraphQL.",
      score: 4,
    };
    return grade;
  });
  const answerId = await gradeOneAnswer();
  const stored = latestGrades([answerId]).get(answerId)!;
  expect(stored.provenance.fallbackReason).toBeNull();
  expect(stored.provenance.grader).toBe("openai");
  expect(stored.provenance.promptVersion).toBe("grade-answer@2+follow-up-probes@1");
  const first = stored.grade.criteria[0];
  const last = stored.grade.criteria.at(-1);
  expect(first).toMatchObject({ score: 4, spread: 3 });
  expect(first?.quotes?.length).toBeGreaterThan(0);
  expect(first?.evidence).toBe(first?.quotes?.[0]);
  expect(last).toMatchObject({ score: 2, cappedFrom: 4, quotes: [], evidence: null });
  expect(last?.rationale).toMatch(/Capped from 4 to 2: every quote does not occur in the answer/);
  expect(stored.grade.checks).toEqual({ relevanceChecked: true, retried: true, samples: 3 });
}, 20_000);

test("an offline grade stores none of them and reads back as before", async () => {
  setLlmEnv({ GRADER: "offline" });
  const round = await run(
    newRoundAction,
    post("/rounds/new", { band: "3-5", count: "1", skills: ["rest-api"] }, { cookie: who.cookie }),
  );
  const roundId = round.location!.split("/")[2]!;
  const params = { roundId, position: "1" };
  const path = `/rounds/${roundId}/questions/1`;
  await run(questionLoader, get(path, who.cookie), params);
  await run(
    questionAction,
    post(path, { intent: "submit", answer: ANSWER }, { cookie: who.cookie }),
    params,
  );
  const page = (await run(questionLoader, get(path, who.cookie), params)).data as {
    answer: { id: string };
  };
  const stored = latestGrades([page.answer.id]).get(page.answer.id)!;
  expect(stored.grade.checks).toBeUndefined();
  for (const c of stored.grade.criteria) {
    expect(c).not.toHaveProperty("quotes");
    expect(c).not.toHaveProperty("spread");
    expect(c).not.toHaveProperty("cappedFrom");
  }
});
