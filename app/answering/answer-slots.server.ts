import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "~/utils/zod";
import { requireUser } from "~/auth/session.server";
import type { Probe } from "~/grading/grade-schema";
import { latestGrades } from "~/grading/grades.server";
import { invariantResponse } from "~/utils/invariant.server";
import { findAnswer, MAIN_SLOT, startAnswer, type Answer } from "~/rounds/answers.server";
import { probeSecondsFor } from "~/rounds/clock";
import { QUESTIONS_MAX } from "~/rounds/round-limits";
import { findRound, listRoundQuestions, type RoundQuestion } from "~/rounds/rounds.server";

/**
 * Where an answer lives: the round, question and slot a URL names (slot 0 the
 * main answer, 1-3 its follow-up probes), their paths, and starting a slot's
 * clock. The answer pages, their resource routes and the actions that start a
 * round all go through here.
 */

type Params = LoaderFunctionArgs["params"];

const paramsSchema = z.object({
  roundId: z.string().min(1).max(64),
  position: z.coerce.number().int().min(1).max(QUESTIONS_MAX),
  slot: z.coerce.number().int().min(1).max(3).optional(),
});

export function answerPath(roundId: string, position: number, slot: number = MAIN_SLOT): string {
  const base = `/rounds/${roundId}/questions/${position}`;
  return slot === MAIN_SLOT ? base : `${base}/follow-ups/${slot}`;
}

/** Resolves the round, question and answer slot named by the URL, for the signed-in user only. */
export async function resolveAnswerSlot(request: Request, params: Params) {
  const user = await requireUser(request);
  const parsed = paramsSchema.safeParse(params);
  invariantResponse(parsed.success, "Not found");
  const { roundId, position, slot = MAIN_SLOT } = parsed.data;
  const round = findRound(user.id, roundId);
  invariantResponse(round, "Round not found");
  const roundQuestions = listRoundQuestions(round.id);
  const roundQuestion = roundQuestions.find((rq) => rq.position === position);
  invariantResponse(roundQuestion, "Question not found");
  return { user, round, roundQuestions, roundQuestion, slot };
}

/** For the answer's resource routes (draft saves, the grade stream): the slot comes as `?slot=`, 0 or absent for the main answer. */
export async function resolveAnswerSlotFromQuery(request: Request, params: Params) {
  const slot = new URL(request.url).searchParams.get("slot") ?? "0";
  return resolveAnswerSlot(request, { ...params, slot: slot === "0" ? undefined : slot });
}

/** The probe a follow-up slot answers: it exists only once the main answer has been graded and asked it. */
export function probeForSlot(roundQuestion: RoundQuestion, slot: number): Probe {
  const main = findAnswer(roundQuestion.id, MAIN_SLOT);
  const probe = main ? latestGrades([main.id]).get(main.id)?.grade.probes[slot - 1] : undefined;
  invariantResponse(probe, "Follow-up not found");
  return probe;
}

/** The clock an answer in this slot gets: the question's own, or a follow-up's shorter one. */
export function slotSeconds(roundQuestion: RoundQuestion, slot: number): number {
  return slot === MAIN_SLOT
    ? roundQuestion.secondsAllowed
    : probeSecondsFor(roundQuestion.secondsAllowed);
}

/** Starts the answer in this slot and its clock (once: a second call finds the same answer). */
export function startAnswerSlot(roundQuestion: RoundQuestion, slot: number, now: Date): Answer {
  const probe = slot === MAIN_SLOT ? null : probeForSlot(roundQuestion, slot);
  return startAnswer(roundQuestion.id, slot, slotSeconds(roundQuestion, slot), probe, now);
}

export function startPath(roundId: string, position: number, slot: number = MAIN_SLOT): string {
  return `${answerPath(roundId, position)}/start${slot === MAIN_SLOT ? "" : `?slot=${slot}`}`;
}

/**
 * For the actions that create a round: starts its first question's clock and
 * goes there. The clock starts on this POST, so the page view that follows
 * only reads, and a normal flow needs no extra click.
 */
export function redirectToStartedQuestion(roundId: string, position = 1): Response {
  const roundQuestion = listRoundQuestions(roundId).find((rq) => rq.position === position);
  if (roundQuestion) startAnswerSlot(roundQuestion, MAIN_SLOT, new Date());
  return redirect(answerPath(roundId, position));
}
