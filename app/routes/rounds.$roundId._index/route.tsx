import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { answerPath } from "~/answering/answer-slots.server";
import { asOfNow, listAnswers } from "~/rounds/answers.server";
import { unansweredQuestions } from "~/rounds/rounds.server";
import { findRound, listRoundQuestions } from "~/rounds/rounds.server";
import { invariantResponse } from "~/utils/invariant.server";

/** Resumes a round where it was left: the first unanswered question, or the report. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const round = findRound(user.id, params.roundId ?? "");
  invariantResponse(round, "Round not found");
  const roundQuestions = listRoundQuestions(round.id);
  const now = new Date();
  const answers = listAnswers(roundQuestions.map((rq) => rq.id)).map((answer) =>
    asOfNow(answer, now),
  );
  const [next] = unansweredQuestions(roundQuestions, answers);
  throw redirect(next ? answerPath(round.id, next.position) : `/rounds/${round.id}/report`);
}
