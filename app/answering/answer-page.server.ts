import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "~/utils/zod";
import { requireUser } from "~/auth/session.server";
import { planGrading } from "~/grading/grade-answer.server";
import type { Probe } from "~/grading/grade-schema";
import { isLlmConfigured } from "~/grading/llm/openai-client.server";
import { getEnv } from "~/env.server";
import { latestGrades } from "~/grading/grades.server";
import { getPreferences } from "~/preferences/preferences.server";
import { isStoryLinkPost, storyLinkAction } from "~/stories/story-link.server";
import { suggestStories } from "~/stories/suggestions.server";
import { parseSubmission } from "~/utils/submission.server";
import { invariantResponse } from "~/utils/invariant.server";
import {
  findAnswer,
  listAnswers,
  MAIN_SLOT,
  saveDraft,
  startAnswer,
  submitAnswer,
  type Answer,
} from "~/rounds/answers.server";
import { hasExpired, probeSecondsFor } from "~/rounds/clock";
import { answerFormSchema, draftFormSchema } from "~/rounds/round-forms";
import { QUESTIONS_MAX } from "~/rounds/round-limits";
import { gradeInRound, loadRoundView, settleExpired } from "~/grading/round-grades.server";
import {
  findRound,
  listRoundQuestions,
  markRoundFinished,
  unansweredQuestions,
  type RoundQuestion,
} from "~/rounds/rounds.server";

/**
 * The server half of the two answer pages: the main answer to a question
 * (slot 0) and the answer to one of its follow-up probes (slots 1-3).
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

/** Starts the answer in this slot and its clock (once: a second call finds the same answer). */
export function startAnswerSlot(roundQuestion: RoundQuestion, slot: number, now: Date): Answer {
  return slot === MAIN_SLOT
    ? startAnswer(roundQuestion.id, MAIN_SLOT, roundQuestion.secondsAllowed, null, now)
    : startAnswer(
        roundQuestion.id,
        slot,
        probeSecondsFor(roundQuestion.secondsAllowed),
        probeForSlot(roundQuestion, slot),
        now,
      );
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

/** The loader of both answer pages (the question and its follow-ups): their routes export it as theirs. */
export async function loadAnswerPage({ request, params }: LoaderFunctionArgs) {
  const { user, round, roundQuestions, roundQuestion, slot } = await resolveAnswerSlot(
    request,
    params,
  );
  const now = new Date();

  // A page view never starts a clock (a prefetch, a link preview or another site's link would):
  // an unopened question shows its Start page, whose POST starts it.
  if (!findAnswer(roundQuestion.id, slot)) {
    if (slot !== MAIN_SLOT) probeForSlot(roundQuestion, slot);
    throw redirect(startPath(round.id, roundQuestion.position, slot));
  }

  const view = (await loadRoundView(round.id, user.id, now)).find(
    (q) => q.roundQuestion.id === roundQuestion.id,
  )!;
  const answer = slot === MAIN_SLOT ? view.main! : view.followUps.find((a) => a.slot === slot)!;
  const { question } = roundQuestion;
  return {
    round: { id: round.id, title: round.title },
    position: roundQuestion.position,
    total: roundQuestions.length,
    slot,
    question: {
      id: question.id,
      title: question.title,
      prompt: question.prompt,
      kind: question.kind,
      tips: question.tips,
      // The model answer is revealed only once the user has committed to theirs.
      strongExample: view.main?.submittedAt ? question.examples.strong : null,
      criteria: question.rubric.map((c) => ({ id: c.id, name: c.name, weight: c.weight })),
    },
    answer,
    main: view.main,
    followUps: view.followUps,
    serverNow: now,
    /** Where the answer box's autosave posts. */
    draftUrl: `${answerPath(round.id, roundQuestion.position)}/draft?slot=${slot}`,
    /** Where a pending LLM grading streams its progress from. */
    gradeStreamUrl:
      answer.submittedAt && !answer.skipped && !answer.grade
        ? `${answerPath(round.id, roundQuestion.position)}/grade-stream?slot=${slot}`
        : null,
    /** An offline fallback grade can be redone once the LLM is reachable again. */
    canRegrade:
      Boolean(answer.grade?.provenance.fallbackReason) &&
      isLlmConfigured() &&
      getEnv().GRADER !== "offline",
    /** The user's stories that fit a behavioural question, offered before answering it. */
    storySuggestions:
      slot === MAIN_SLOT && question.kind === "behavioural"
        ? suggestStories(user.id, question, answer.id)
        : null,
    /** The user asked for each question and follow-up to be read aloud when it opens (while it is still open). */
    autoRead: getPreferences(user.id).readAloud && !answer.submittedAt,
  };
}

/**
 * The answer box's autosave: JSON, for a plain `fetch` rather than a Remix
 * fetcher, because a draft save must never take part in the page's
 * navigation. A fetcher action that completes while a submitted answer's
 * redirect is loading makes the router end that navigation with the
 * fetcher's own revalidation data, and the page then kept showing the form
 * for an answer already submitted.
 */
export async function saveDraftAction({ request, params }: ActionFunctionArgs): Promise<Response> {
  const { user, round, roundQuestion, slot } = await resolveAnswerSlotFromQuery(request, params);
  const answer = findAnswer(roundQuestion.id, slot);
  invariantResponse(answer, "Answer not found");
  const form = parseSubmission(await request.formData(), { schema: draftFormSchema });
  if (form.status !== "success") {
    const message =
      Object.values(form.error ?? {})
        .flat()
        .find(Boolean) ?? "The draft was not saved.";
    return Response.json({ ok: false, error: message } satisfies DraftSaveResult, { status: 400 });
  }
  const now = new Date();
  if (hasExpired(answer.deadlineAt, now) && saveDraft(answer.id, form.value.answer, now)) {
    // The clock ran out while this was on its way: the text is kept (save first), and submitted as the clock's.
    await settleExpired(round.id, user.id, now);
    return Response.json(
      {
        ok: false,
        error: "Time is up: your answer was submitted with this text.",
      } satisfies DraftSaveResult,
      { status: 409 },
    );
  }
  if (!saveDraft(answer.id, form.value.answer, now)) {
    return Response.json(
      {
        ok: false,
        error: "This answer was already submitted; the draft was not changed.",
      } satisfies DraftSaveResult,
      { status: 409 },
    );
  }
  return Response.json({ ok: true, savedAt: now.toISOString() } satisfies DraftSaveResult);
}

export type DraftSaveResult = { ok: true; savedAt: string } | { ok: false; error: string };

/** The action of both answer pages, exported by their routes as theirs. */
export async function answerPageAction({ request, params }: ActionFunctionArgs) {
  const { user, round, roundQuestions, roundQuestion, slot } = await resolveAnswerSlot(
    request,
    params,
  );
  const answer = findAnswer(roundQuestion.id, slot);
  invariantResponse(answer, "Answer not found");
  const here = answerPath(round.id, roundQuestion.position, slot);
  const now = new Date();

  const formData = await request.formData();
  const form = isStoryLinkPost(formData)
    ? null
    : parseSubmission(formData, { schema: answerFormSchema });
  const submitting =
    form?.status === "success" && (form.value.intent === "submit" || form.value.intent === "skip");
  // A write: answers whose clock ran out are stored as submitted first; this answer too, unless this
  // post submits it with the text it carries (fresher than the saved draft).
  await settleExpired(round.id, user.id, now, submitting ? answer.id : undefined);
  if (!form)
    return storyLinkAction(
      user.id,
      findAnswer(roundQuestion.id, slot)!,
      roundQuestion.question,
      formData,
    );
  if (form.status !== "success") return data(form.reply(), { status: 400 });

  switch (form.value.intent) {
    case "submit":
    case "skip": {
      const text = form.value.answer;
      const skip = form.value.intent === "skip";
      // Once the clock has run out, even an empty answer is recorded (as skipped).
      if (!skip && text.trim() === "" && now < answer.deadlineAt) {
        return data(
          form.reply({ formErrors: ["Write an answer before submitting, or skip the question."] }),
          { status: 400 },
        );
      }
      if (submitAnswer(answer, text, now, { skip })) {
        const submitted = findAnswer(roundQuestion.id, slot)!;
        const allDone =
          unansweredQuestions(roundQuestions, listAnswers(roundQuestions.map((rq) => rq.id)))
            .length === 0;
        if (allDone && !round.finishedAt) markRoundFinished(round.id, now);
        // The offline grader takes a millisecond: grade before the redirect. An LLM grading
        // streams to the page after it (and without JavaScript, "Grade now" runs it).
        if (!submitted.skipped && planGrading(user.id).grader === "offline")
          await gradeSafely(user.id, submitted, roundQuestion, roundQuestions);
      }
      throw redirect(here);
    }
    case "grade": {
      const stored = findAnswer(roundQuestion.id, slot)!;
      invariantResponse(stored.submittedAt, "Submit the answer first.", 400);
      invariantResponse(!stored.skipped, "A skipped answer is not graded.", 400);
      if (!latestGrades([stored.id]).has(stored.id))
        await gradeSafely(user.id, stored, roundQuestion, roundQuestions);
      throw redirect(here);
    }
    case "regrade": {
      const current = latestGrades([answer.id]).get(answer.id);
      invariantResponse(
        current?.provenance.fallbackReason,
        "Only a grade the LLM could not make can be re-graded.",
        400,
      );
      await gradeSafely(user.id, answer, roundQuestion, roundQuestions);
      throw redirect(here);
    }
  }
}

async function gradeSafely(
  userId: string,
  answer: Answer,
  roundQuestion: RoundQuestion,
  roundQuestions: RoundQuestion[],
) {
  try {
    await gradeInRound(answer, roundQuestion, roundQuestions, { userId });
  } catch (error) {
    // The answer is saved; the page offers "Grade now" for an answer without a grade.
    console.error("Grading failed for answer", answer.id, error);
  }
}

export type AnswerPageData = Awaited<ReturnType<typeof loadAnswerPage>>;
