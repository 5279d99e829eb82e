import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { planGrading } from "~/grading/grade-answer.server";
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
  submitAnswer,
  type Answer,
} from "~/rounds/answers.server";
import { answerFormSchema } from "~/rounds/round-forms";
import { gradeInRound, loadRoundView, settleExpired } from "~/grading/round-grades.server";
import { markRoundFinished, unansweredQuestions, type RoundQuestion } from "~/rounds/rounds.server";
import { answerPath, probeForSlot, resolveAnswerSlot, startPath } from "./answer-slots.server";

/**
 * The server half of the two answer pages: the main answer to a question
 * (slot 0) and the answer to one of its follow-up probes (slots 1-3). Their
 * routes export this loader and action as theirs, and nothing else imports
 * its code (its types, which leave no trace in a build, aside): the browser
 * build stands one empty module in for a server module, and one only these
 * two pages import rides in the script they share instead of being a request
 * of its own on every page that imports it (decision 014).
 */

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
