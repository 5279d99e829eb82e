import { remember } from "@epic-web/remember";
import { and, desc, eq, gte } from "drizzle-orm";
import { grades } from "../../db/schema";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import type { Answer } from "~/rounds/answers.server";
import type { RoundQuestion } from "~/rounds/rounds.server";
import type { GradeProvenance, GradeRequest } from "./grade-schema";
import { saveGrade } from "./grades.server";
import { tryLease } from "./grading-lease.server";
import { dailyLimitReason, llmCallsToday, llmCaller } from "./llm-budget.server";
import { gradeWithLlm, LlmGradeError, type LlmProgress } from "./llm/grade-with-llm.server";
import { isLlmConfigured } from "./llm/openai-client.server";
import { gradeOffline } from "./offline/grade-offline.server";

/** Recorded as the "model" of offline grades, so a grade says which heuristic produced it. */
export const OFFLINE_GRADER_MODEL = "rubric-heuristic@1";

export type GradingPlan = { grader: "openai" } | { grader: "offline"; reason: string | null };

/** What the grading of one answer reports while it runs: the LLM's progress, or that it was not used. */
export type GradeProgress = LlmProgress | { type: "fallback"; reason: string };

function secondsTaken(answer: Answer): number | null {
  if (!answer.submittedAt) return null;
  const taken = (answer.submittedAt.getTime() - answer.startedAt.getTime()) / 1000;
  return Math.max(0, Math.min(taken, answer.secondsAllowed));
}

export function buildGradeRequest(
  answer: Answer,
  roundQuestion: RoundQuestion,
  askedProbes: string[],
): GradeRequest {
  return {
    question: roundQuestion.question,
    answer: answer.text,
    secondsAllowed: answer.secondsAllowed,
    secondsTaken: secondsTaken(answer),
    probe: answer.probe,
    askedProbes,
  };
}

/** Calls to the LLM this user started since midnight UTC (stored calls, not grades: see llm-budget.server.ts). */
export function llmGradesToday(userId: string, now = new Date()): number {
  return llmCallsToday(userId, now);
}

/** Which grader this user's next answer gets, and why not the LLM when it is configured but skipped. */
export function planGrading(userId: string): GradingPlan {
  const env = getEnv();
  const wantsLlm = env.GRADER === "openai" || (env.GRADER === "auto" && isLlmConfigured(env));
  if (!wantsLlm) return { grader: "offline", reason: null };
  if (!isLlmConfigured(env)) {
    return {
      grader: "offline",
      reason: "GRADER=openai but no OPENAI_API_KEY or OPENAI_BASE_URL is set",
    };
  }
  if (llmGradesToday(userId) >= env.LLM_DAILY_LIMIT) {
    return { grader: "offline", reason: dailyLimitReason(env.LLM_DAILY_LIMIT) };
  }
  return { grader: "openai" };
}

function gradeWithOfflineGrader(request: GradeRequest, fallbackReason: string | null) {
  const started = performance.now();
  const grade = gradeOffline(request);
  const provenance: GradeProvenance = {
    grader: "offline",
    model: OFFLINE_GRADER_MODEL,
    promptVersion: null,
    fallbackReason,
    tokensIn: null,
    tokensOut: null,
    latencyMs: Math.round(performance.now() - started),
  };
  return { grade, provenance };
}

/**
 * Grades a submitted answer and stores the result. The answer is already
 * saved; when the LLM fails after its retries, the offline grader grades it
 * and the grade says why. Returns the stored grade's id.
 */
export async function gradeAnswer(
  answer: Answer,
  roundQuestion: RoundQuestion,
  askedProbes: string[],
  {
    userId,
    onProgress,
    offlineOnly = false,
  }: { userId: string; onProgress?: (event: GradeProgress) => void; offlineOnly?: boolean },
): Promise<string> {
  const request = buildGradeRequest(answer, roundQuestion, askedProbes);
  const plan = offlineOnly ? ({ grader: "offline", reason: null } as const) : planGrading(userId);
  let fallbackReason = plan.grader === "offline" ? plan.reason : null;
  if (plan.grader === "openai") {
    try {
      // Each request to the model is counted for this user in the database (llm-budget.server.ts).
      const { grade, provenance } = await llmCaller.run({ userId, answerId: answer.id }, () =>
        gradeWithLlm(request, { onProgress }),
      );
      return saveGrade(answer.id, grade, provenance);
    } catch (error) {
      if (!(error instanceof LlmGradeError)) throw error;
      fallbackReason = error.reason;
    }
  }
  if (fallbackReason) onProgress?.({ type: "fallback", reason: fallbackReason });
  const { grade, provenance } = gradeWithOfflineGrader(request, fallbackReason);
  return saveGrade(answer.id, grade, provenance);
}

// Remembered on globalThis so a development rebuild (server.js re-imports the app) cannot start a second
// grading of an answer whose first is still running in the old modules.
const inFlight = remember("gradings-in-flight", () => new Map<string, Promise<string>>());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The newest grade of an answer stored at or after `since`, if any. */
function gradeStoredSince(answerId: string, since: Date): string | null {
  const row = getDb()
    .select({ id: grades.id })
    .from(grades)
    .where(and(eq(grades.answerId, answerId), gte(grades.createdAt, since)))
    .orderBy(desc(grades.createdAt))
    .get();
  return row?.id ?? null;
}

/**
 * Grades under the answer's lease (grading-lease.server.ts): while another
 * process grades this answer, wait for it and take its grade rather than
 * paying for a second LLM call.
 */
async function gradeUnderLease(...args: Parameters<typeof gradeAnswer>): Promise<string> {
  const answerId = args[0].id;
  const askedAt = new Date(Date.now() - 1);
  let waited = false;
  for (;;) {
    const lease = tryLease(answerId);
    if (lease) {
      try {
        const theirs = waited ? gradeStoredSince(answerId, askedAt) : null;
        return theirs ?? (await gradeAnswer(...args));
      } finally {
        lease.release();
      }
    }
    waited = true;
    await sleep(200 + Math.random() * 100);
  }
}

/**
 * One grading per answer at a time: a second tab or a double click joins the
 * grading already running in this process, and a grading in another process
 * on the same database is waited for, instead of paying for another LLM call.
 */
export function gradeAnswerOnce(...args: Parameters<typeof gradeAnswer>): Promise<string> {
  const answerId = args[0].id;
  const running = inFlight.get(answerId);
  if (running) return running;
  const started = gradeUnderLease(...args).finally(() => inFlight.delete(answerId));
  inFlight.set(answerId, started);
  return started;
}
