import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { lazy, Suspense } from "react";
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

// Only behavioural questions, for users with stories, show these: their code is fetched when they do.
// The follow-ups come with a grade, so their code (and the score's) is not fetched to write an answer.
const StorySuggestions = lazy(() =>
  import("./story-suggestions").then((m) => ({ default: m.StorySuggestions })),
);
const FollowUpList = lazy(() =>
  import("./follow-up-list").then((m) => ({ default: m.FollowUpList })),
);

export default function QuestionPage() {
  const data = useLoaderData<typeof loadAnswerPage>();
  const result = useActionData<typeof answerPageAction>();
  const { round, position, total, question, answer, followUps } = data;
  const heading = useFocusOnArrival<HTMLHeadingElement>(answer.id);
  const probes = answer.grade?.grade.probes ?? [];
  const base = `/rounds/${round.id}`;
  const starting = useNavigation().state !== "idle";
  return (
    <article className="question-page">
      <p className="breadcrumb">
        {round.title} · Question {position} of {total}
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {question.title}
      </h1>
      <p className="prompt">{question.prompt}</p>
      <ReadAloud text={`${question.title}. ${question.prompt}`} autoRead={data.autoRead} />
      {data.storySuggestions && !answer.submittedAt ? (
        <Suspense fallback={null}>
          <StorySuggestions stories={data.storySuggestions} />
        </Suspense>
      ) : null}
      <AnswerStage page={data} result={result && !("storyLinked" in result) ? result : null} />
      {probes.length > 0 ? (
        <Suspense fallback={null}>
          <FollowUpList
            probes={probes}
            followUps={followUps}
            base={`${base}/questions/${position}`}
            starting={starting}
          />
        </Suspense>
      ) : null}
      {question.strongExample ? (
        <details className="example">
          <summary>See a strong answer</summary>
          <div className="answer-text">{question.strongExample}</div>
        </details>
      ) : (
        <details className="tips">
          <summary>Tips</summary>
          <ul>
            {question.tips.map((tip) => (
              <li key={tip}>{tip}</li>
            ))}
          </ul>
        </details>
      )}
      {answer.submittedAt ? (
        <nav className="next" aria-label="Round">
          {position < total ? (
            // Starts the next question's clock and goes there: a page view never starts one.
            <Form method="post" action={`${base}/questions/${position + 1}/start`}>
              <button type="submit" disabled={starting}>
                Next question
              </button>
            </Form>
          ) : null}
          <Link to={`${base}/report`}>
            {position < total ? "Round report so far" : "See the round report"}
          </Link>
        </nav>
      ) : null}
    </article>
  );
}

export const meta: MetaFunction<typeof loadAnswerPage> = ({ data }) => [
  { title: data ? `${data.question.title} · Rehearse` : "Question · Rehearse" },
];
