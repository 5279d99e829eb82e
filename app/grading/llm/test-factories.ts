import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import type { GradeRequest } from "~/grading/grade-schema";
import { parseQuestionFile } from "~/question-bank/load-bank.server";
import { questionSchema, type Question } from "~/question-bank/question-schema";
import { LlmGradeError } from "./llm-grade-error";

/** Factories for the LLM grader's tests (not a test file itself). */

const REST_FILE = path.resolve("question-bank/explain-rest-apis.yaml");

export function restQuestion(): Question {
  return parseQuestionFile(REST_FILE, readFileSync(REST_FILE, "utf8"));
}

export function behaviouralQuestion(): Question {
  return questionSchema.parse({
    id: "production-incident",
    title: "Tell me about a production incident you handled",
    kind: "behavioural",
    prompt:
      "Tell me about a production incident you handled. What happened, what did you do, and what changed afterwards?",
    skills: ["incident-response"],
    competencies: ["incident"],
    bands: ["3-5"],
    minutes: 5,
    rubric: [
      {
        id: "situation-and-stakes",
        name: "Situation and stakes",
        weight: 1,
        description: "Sets the scene briefly with the impact on users or the business.",
        keyPoints: [
          {
            id: "impact",
            point: "States who was affected and how badly.",
            phrasings: ["users", "customers"],
          },
        ],
      },
      {
        id: "ownership-and-actions",
        name: "Ownership and actions",
        weight: 2,
        description: "Says what they personally did, in order, and why.",
        keyPoints: [
          {
            id: "i-did",
            point: "Describes their own actions.",
            phrasings: ["i rolled back", "i paged"],
          },
        ],
      },
      {
        id: "result-and-learning",
        name: "Result and learning",
        weight: 2,
        description: "Quantifies the result and names what changed afterwards.",
        keyPoints: [{ id: "metric", point: "A measurable result.", phrasings: ["minutes", "%"] }],
      },
    ],
    examples: {
      strong:
        "At 2 a.m. checkout errors hit 30% of users. I paged the on-call DBA, rolled back the deploy within 12 minutes, and wrote the postmortem that added a canary stage.",
      weak: "We had an outage once and we fixed it.",
    },
    probes: [
      "How did you decide to roll back rather than fix forward?",
      "What alert would have caught this earlier?",
    ],
    tips: ["Quantify the impact and the result."],
  });
}

export const CLEAN_REST_ANSWER = [
  "REST models the domain as resources identified by URIs such as /orders/42, and clients exchange JSON representations.",
  "The HTTP method carries the intent: GET reads, POST creates, PUT replaces and DELETE removes.",
  "GET, PUT and DELETE are idempotent, so clients can retry them safely after a timeout.",
  "Each request carries its own bearer token, so any instance behind the load balancer can serve it.",
  "The trade-off is over-fetching for mobile clients, where GraphQL lets the client pick fields.",
].join(" ");

export function makeRequest(overrides: Partial<GradeRequest> = {}): GradeRequest {
  return {
    question: restQuestion(),
    answer: CLEAN_REST_ANSWER,
    secondsAllowed: 300,
    secondsTaken: 240,
    probe: null,
    askedProbes: [],
    ...overrides,
  };
}

/** The LlmGradeError a grading rejects with; fails the test if it succeeds or throws anything else. */
export async function failure(promise: Promise<unknown>): Promise<LlmGradeError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the grading to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlmGradeError);
  return error as LlmGradeError;
}

/**
 * A relevance judge for tests about something else (streaming, retries,
 * samples, storage): a quote is relevant when it shares a content word with
 * the criterion's rubric vocabulary. The real judge (the offline grader's
 * reading) is exercised by the hostile, injection and normalise tests.
 * Use: vi.mock("~/grading/llm/relevance", () => import("~/grading/llm/test-factories").then((m) => m.lexicalRelevanceModule()));
 */
export async function lexicalRelevanceModule() {
  const { compileRubric, contentKeys } = await import("~/grading/offline/rubric-index");
  const { canReadForRelevance } = await import("~/grading/offline/evidence-relevance");
  return {
    relevanceJudge: {
      canRead: canReadForRelevance,
      relevant: (question: Question, criterionId: string, quote: string) => {
        const criterion = compileRubric(question).criteria.find(
          (c) => c.criterion.id === criterionId,
        );
        if (!criterion) return false;
        for (const key of contentKeys(quote)) if (criterion.vocabulary.has(key)) return true;
        return false;
      },
    },
  };
}
