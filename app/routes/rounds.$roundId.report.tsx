import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { GradeCard } from "~/components/grade-card";
import { SCORE_MAX } from "~/grading/grade-schema";
import { loadRoundView } from "~/rounds/round-view.server";
import { findRound } from "~/rounds/rounds.server";
import { invariantResponse } from "~/utils/invariant.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const round = findRound(user.id, params.roundId ?? "");
  invariantResponse(round, "Round not found");
  const questions = await loadRoundView(round.id, user.id, new Date());
  const scores = questions.flatMap((q) => (q.main?.grade ? [q.main.grade.grade.overall] : []));
  const average = scores.length > 0 ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
  return {
    round: { id: round.id, title: round.title, band: round.band, createdAt: round.createdAt, finishedAt: round.finishedAt },
    average,
    questions: questions.map(({ roundQuestion, main, followUps }) => ({
      position: roundQuestion.position,
      title: roundQuestion.question.title,
      criteria: roundQuestion.question.rubric.map((c) => ({ id: c.id, name: c.name })),
      main,
      followUps: followUps.filter((f) => f.submittedAt),
    })),
  };
}

export default function ReportPage() {
  const { round, average, questions } = useLoaderData<typeof loader>();
  return (
    <article className="report">
      <h1>Round report</h1>
      <p className="breadcrumb">
        {round.title} · band {round.band} years · {new Date(round.createdAt).toLocaleDateString("en-GB")}
      </p>
      {average !== null ? (
        <p className="overall">
          <strong>Overall</strong> (round average) <span className="score">{average.toFixed(1)}</span> / {SCORE_MAX}
        </p>
      ) : null}
      {questions.map((q) => (
        <section key={q.position} className="report-question" aria-labelledby={`q-${q.position}`}>
          <h2 id={`q-${q.position}`}>
            {q.position}. {q.title}
          </h2>
          {!q.main?.submittedAt ? (
            <p>
              Not answered yet. <Link to={`/rounds/${round.id}/questions/${q.position}`}>Answer it</Link>
            </p>
          ) : (
            <>
              {q.main.timedOut ? <p className="badge">Submitted after the clock ran out</p> : null}
              <div className="answer-text">{q.main.text || <span className="muted">(no answer was written)</span>}</div>
              {q.main.grade ? (
                <GradeCard grade={q.main.grade.grade} provenance={q.main.grade.provenance} criteria={q.criteria} headingLevel={3} />
              ) : (
                <p className="muted">Not graded yet.</p>
              )}
              {q.main.grade && q.main.grade.grade.probes.length > 0 ? (
                <section>
                  <h3>Follow-up probes</h3>
                  <ol className="probes">
                    {q.main.grade.grade.probes.map((probe, i) => {
                      const followUp = q.followUps.find((f) => f.slot === i + 1);
                      return (
                        <li key={probe.question}>
                          <p>
                            <strong>{probe.question}</strong>
                          </p>
                          {followUp ? (
                            <>
                              <div className="answer-text">{followUp.text || <span className="muted">(no answer)</span>}</div>
                              {followUp.grade ? (
                                <GradeCard
                                  grade={followUp.grade.grade}
                                  provenance={followUp.grade.provenance}
                                  criteria={q.criteria}
                                  headingLevel={4}
                                  title={`Feedback on follow-up ${i + 1}`}
                                />
                              ) : null}
                            </>
                          ) : (
                            <p className="muted">Not answered.</p>
                          )}
                        </li>
                      );
                    })}
                  </ol>
                </section>
              ) : null}
            </>
          )}
        </section>
      ))}
      <p>
        <Link to="/rounds/new">Start another round</Link>
      </p>
    </article>
  );
}

export const meta: MetaFunction = () => [{ title: "Round report · Rehearse" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
