import type { ActionFunctionArgs } from "@remix-run/node";
import { settleExpired } from "~/grading/round-grades.server";
import { findAnswer, saveDraft } from "~/rounds/answers.server";
import { hasExpired } from "~/rounds/clock";
import { draftFormSchema } from "~/rounds/round-forms";
import { invariantResponse } from "~/utils/invariant.server";
import { parseSubmission } from "~/utils/submission.server";
import { resolveAnswerSlotFromQuery } from "./answer-slots.server";

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
  if (!saveDraft(answer.id, form.value.answer, now)) {
    return Response.json(
      {
        ok: false,
        error: "This answer was already submitted; the draft was not changed.",
      } satisfies DraftSaveResult,
      { status: 409 },
    );
  }
  if (hasExpired(answer.deadlineAt, now)) {
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
  return Response.json({ ok: true, savedAt: now.toISOString() } satisfies DraftSaveResult);
}

export type DraftSaveResult = { ok: true; savedAt: string } | { ok: false; error: string };
