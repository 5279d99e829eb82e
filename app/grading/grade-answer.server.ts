import { and, count, eq, gte } from "drizzle-orm";
import { answers, grades, roundQuestions, rounds } from "../../db/schema";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import type { Answer } from "~/rounds/answers.server";
import type { RoundQuestion } from "~/rounds/rounds.server";
import type { GradeProvenance, GradeRequest } from "./grade-schema";
import { saveGrade } from "./grades.server";
import { gradeWithLlm, LlmGradeError, type LlmProgress } from "./llm/grade-with-llm.server";
import { ensureMockLlm } from "./llm/mock-llm.server";
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

export function buildGradeRequest(answer: Answer, roundQuestion: RoundQuestion, askedProbes: string[]): GradeRequest {
  return {
    question: roundQuestion.question,
    answer: answer.text,
    secondsAllowed: answer.secondsAllowed,
    secondsTaken: secondsTaken(answer),
    probe: answer.probe,
    askedProbes,
  };
}

function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** LLM grades this user has used since midnight UTC. */
export function llmGradesToday(userId: string, now = new Date()): number {
  const row = getDb()
    .select({ n: count() })
    .from(grades)
    .innerJoin(answers, eq(answers.id, grades.answerId))
    .innerJoin(roundQuestions, eq(roundQuestions.id, answers.roundQuestionId))
    .innerJoin(rounds, eq(rounds.id, roundQuestions.roundId))
    .where(and(eq(rounds.userId, userId), eq(grades.grader, "openai"), gte(grades.createdAt, startOfUtcDay(now))))
    .get();
  return row?.n ?? 0;
}

/** Which grader this user's next answer gets, and why not the LLM when it is configured but skipped. */
export function planGrading(userId: string): GradingPlan {
  const env = getEnv();
  const wantsLlm = env.GRADER === "openai" || (env.GRADER === "auto" && isLlmConfigured(env));
  if (!wantsLlm) return { grader: "offline", reason: null };
  if (!isLlmConfigured(env)) {
    return { grader: "offline", reason: "GRADER=openai but no OPENAI_API_KEY or OPENAI_BASE_URL is set" };
  }
  if (llmGradesToday(userId) >= env.LLM_DAILY_LIMIT) {
    return {
      grader: "offline",
      reason: `you reached today's limit of ${env.LLM_DAILY_LIMIT} LLM gradings; it resets at midnight UTC`,
    };
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
  { userId, onProgress, offlineOnly = false }: { userId: string; onProgress?: (event: GradeProgress) => void; offlineOnly?: boolean },
): Promise<string> {
  const request = buildGradeRequest(answer, roundQuestion, askedProbes);
  const plan = offlineOnly ? ({ grader: "offline", reason: null } as const) : planGrading(userId);
  let fallbackReason = plan.grader === "offline" ? plan.reason : null;
  if (plan.grader === "openai") {
    try {
      await ensureMockLlm();
      const { grade, provenance } = await gradeWithLlm(request, { onProgress });
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

const inFlight = new Map<string, Promise<string>>();

/**
 * One grading per answer at a time: a second tab or a double click joins the
 * grading already running instead of paying for another LLM call.
 */
export function gradeAnswerOnce(...args: Parameters<typeof gradeAnswer>): Promise<string> {
  const answerId = args[0].id;
  const running = inFlight.get(answerId);
  if (running) return running;
  const started = gradeAnswer(...args).finally(() => inFlight.delete(answerId));
  inFlight.set(answerId, started);
  return started;
}
