import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useFocusOnArrival } from "~/components/answer-form";
import { AnswerStage } from "~/components/answer-stage";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { ReadAloud } from "~/components/read-aloud";
// Both answer pages load and act the same way: the one loader and action serve them.
export {
  loadAnswerPage as loader,
  answerPageAction as action,
} from "~/answering/answer-page.server";
import type { answerPageAction, loadAnswerPage } from "~/answering/answer-page.server";

export default function FollowUpPage() {
  const data = useLoaderData<typeof loadAnswerPage>();
  const result = useActionData<typeof answerPageAction>();
  const { round, position, total, slot, question, answer } = data;
  const heading = useFocusOnArrival<HTMLHeadingElement>(answer.id);
  const back = `/rounds/${round.id}/questions/${position}`;
  const report = `/rounds/${round.id}/report`;
  const starting = useNavigation().state !== "idle";
  return (
    <article className="question-page">
      <p className="breadcrumb">
        {round.title} · Question {position} of {total} · Follow-up {slot}
      </p>
      <p className="context">
        On: <Link to={back}>{question.title}</Link>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {answer.probe?.question ?? "Follow-up"}
      </h1>
      {answer.probe ? (
        <ReadAloud
          text={answer.probe.question}
          label="Read the follow-up aloud"
          autoRead={data.autoRead}
        />
      ) : null}
      <AnswerStage page={data} result={result && !("storyLinked" in result) ? result : null} />
      {answer.submittedAt ? (
        // The way on is the main action; going back to the question (its other follow-ups) is the secondary one.
        <nav className="next" aria-label="Round">
          {position < total ? (
            // Starts the next question's clock and goes there: a page view never starts one.
            <Form method="post" action={`/rounds/${round.id}/questions/${position + 1}/start`}>
              <button type="submit" disabled={starting}>
                Next question
              </button>
            </Form>
          ) : (
            <Link className="button-link" to={report}>
              See the round report
            </Link>
          )}
          <Link to={back}>Back to the question</Link>
          {position < total ? <Link to={report}>Round report so far</Link> : null}
        </nav>
      ) : null}
    </article>
  );
}

export const meta: MetaFunction<typeof loadAnswerPage> = ({ data }) => [
  { title: data ? `Follow-up · ${data.question.title} · Rehearse` : "Follow-up · Rehearse" },
];
