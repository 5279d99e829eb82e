import { redirect } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { formatDuration } from "~/dates/format";
import {
  answerPath,
  probeForSlot,
  resolveAnswerSlotFromQuery,
  slotSeconds,
  startAnswerSlot,
} from "~/answering/answer-slots.server";
import { findAnswer, MAIN_SLOT } from "~/rounds/answers.server";
import { settleExpired } from "~/grading/round-grades.server";

/**
 * Where an unopened question lands (a resumed round, a bookmark, another
 * site's link): its clock starts only when the user presses Start here. The
 * page itself reads; only the POST starts the clock. The round's own
 * "Next question" and "Answer follow-up" buttons post here directly.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { round, roundQuestions, roundQuestion, slot } = await resolveAnswerSlotFromQuery(
    request,
    params,
  );
  const here = answerPath(round.id, roundQuestion.position, slot);
  if (findAnswer(roundQuestion.id, slot)) throw redirect(here);
  const probe = slot === MAIN_SLOT ? null : probeForSlot(roundQuestion, slot);
  return {
    round: { title: round.title },
    position: roundQuestion.position,
    total: roundQuestions.length,
    title: probe
      ? `Follow-up ${slot} on “${roundQuestion.question.title}”`
      : roundQuestion.question.title,
    seconds: slotSeconds(roundQuestion, slot),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, round, roundQuestion, slot } = await resolveAnswerSlotFromQuery(request, params);
  const now = new Date();
  // A write: the round's answers whose clock ran out are stored as submitted first.
  await settleExpired(round.id, user.id, now);
  startAnswerSlot(roundQuestion, slot, now);
  throw redirect(answerPath(round.id, roundQuestion.position, slot));
}

export default function StartQuestionPage() {
  const { round, position, total, title, seconds } = useLoaderData<typeof loader>();
  const starting = useNavigation().state !== "idle";
  return (
    <section className="narrow">
      <p className="breadcrumb">
        {round.title} · Question {position} of {total}
      </p>
      <h1>{title}</h1>
      <p>
        You have {formatDuration(seconds)} for this answer. The clock starts when you press Start,
        and keeps running if you leave the page.
      </p>
      <Form method="post">
        <button type="submit" disabled={starting}>
          Start the clock
        </button>
      </Form>
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Start: ${data.title} · Rehearse` : "Start a question · Rehearse" },
];
