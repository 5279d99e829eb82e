import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { ReportQuestion } from "./report-question";
import { ReportSummary } from "./report-summary";
import { Score } from "~/components/score";
import { summaryRows } from "~/review/report-summary";
import { questionTime } from "~/review/time-used";
import { loadRoundView } from "~/grading/round-grades.server";
import { roundAverage } from "~/grading/round-average";
import { findRound } from "~/rounds/rounds.server";
import { invariantResponse } from "~/utils/invariant.server";
import { useDateFormat } from "~/dates/use-date-format";
import type { HydrationHandle } from "~/components/hydration";
import { findRecordings, recordingView } from "~/voice/recordings.server";
import { recordingUrl, type RecordingView } from "~/voice/recording-view";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const round = findRound(user.id, params.roundId ?? "");
  invariantResponse(round, "Round not found");
  const now = new Date();
  const questions = await loadRoundView(round.id, user.id, now);
  const average = roundAverage(questions);
  // Every answer's recording route; the spoken ones get what their replay shows, keyed by answer id.
  const urls = new Map(
    questions.flatMap(({ roundQuestion, main, followUps }) =>
      [main, ...followUps].flatMap((answer) =>
        answer
          ? [[answer.id, recordingUrl(round.id, roundQuestion.position, answer.slot)] as const]
          : [],
      ),
    ),
  );
  const recordings: Record<string, RecordingView> = Object.fromEntries(
    findRecordings([...urls.keys()]).map((info) => [
      info.answerId,
      recordingView(info, urls.get(info.answerId)!, now),
    ]),
  );
  return {
    recordings,
    round: {
      id: round.id,
      title: round.title,
      band: round.band,
      createdAt: round.createdAt,
      finishedAt: round.finishedAt,
    },
    average,
    summary: summaryRows(questions),
    questions: questions.map(({ roundQuestion, main, followUps }) => {
      const submitted = followUps.filter((f) => f.submittedAt);
      return {
        position: roundQuestion.position,
        questionId: roundQuestion.questionId,
        title: roundQuestion.question.title,
        criteria: roundQuestion.question.rubric.map((c) => ({ id: c.id, name: c.name })),
        main,
        followUps: submitted,
        strongExample: main?.submittedAt ? roundQuestion.question.examples.strong : null,
        time: main ? questionTime(main, submitted) : null,
      };
    }),
  };
}

/** Text, links, plain forms and <audio>: the report needs no script. */
export const handle: HydrationHandle = { hydrate: false };

export default function ReportPage() {
  const dates = useDateFormat();
  const { round, average, summary, questions, recordings } = useLoaderData<typeof loader>();
  return (
    <article className="report">
      <h1>Round report</h1>
      <p className="breadcrumb">
        {round.title} · band {round.band} years · {dates.date(round.createdAt)}
      </p>
      {average !== null ? (
        <p className="overall">
          <strong>Overall</strong> (round average){" "}
          <span className="score">
            <Score value={average} />
          </span>
        </p>
      ) : null}
      {/* The actions come first: on a long report nobody should scroll to the end to export or delete it. */}
      <nav className="actions report-actions" aria-label="This round">
        <a href={`/rounds/${round.id}/export.md`} download>
          Export as Markdown
        </a>
        <Link to={`/rounds/${round.id}/delete`}>Delete this round</Link>
        <Link to="/rounds/new">Start another round</Link>
      </nav>
      <ReportSummary rows={summary} />
      {questions.map((q) => (
        <ReportQuestion key={q.position} roundId={round.id} q={q} recordings={recordings} />
      ))}
    </article>
  );
}

export const meta: MetaFunction = () => [{ title: "Round report · Rehearse" }];
