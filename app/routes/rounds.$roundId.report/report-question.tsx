import { Link } from "@remix-run/react";
import type { AnswerView } from "~/grading/round-grades.server";
import { timeUsedText, type QuestionTime } from "~/review/time-used";
import { GradeCard, type CriterionLabel } from "~/components/grade-card";
import { SaveAsStoryLink } from "~/components/story-save-link";
import { LazyRecordAnswer, recordingUrl } from "~/components/record-answer-lazy";

export interface ReportQuestionData {
  position: number;
  questionId: string;
  title: string;
  criteria: CriterionLabel[];
  main: AnswerView | null;
  followUps: AnswerView[];
  /** Only once the main answer is submitted: the model answer is never shown before the user commits. */
  strongExample: string | null;
  /** Null until the main answer is started. */
  time: QuestionTime | null;
}

/** One question of a round report: the answer, its grade, the probes with their answers, the strong example. */
export function ReportQuestion({
  roundId,
  q,
  recorded,
}: {
  roundId: string;
  q: ReportQuestionData;
  /** The answers that were spoken, whose recordings the report replays. */
  recorded: readonly string[];
}) {
  return (
    <section className="report-question" aria-labelledby={`q-${q.position}`}>
      <h2 id={`q-${q.position}`}>
        {q.position}. {q.title}
      </h2>
      {!q.main?.submittedAt ? (
        <p>
          Not answered yet. <Link to={`/rounds/${roundId}/questions/${q.position}`}>Answer it</Link>
        </p>
      ) : (
        <>
          <p className="hint">
            {q.time ? `Time used ${timeUsedText(q.time)} · ` : null}
            <Link to={`/questions/${q.questionId}`}>Every attempt at “{q.title}”</Link>
          </p>
          {q.main.skipped ? (
            <p className="badge">Skipped: not graded, and in no score</p>
          ) : q.main.timedOut ? (
            <p className="badge">Submitted after the clock ran out</p>
          ) : null}
          <h3 className="visually-hidden">Your answer</h3>
          <div className="answer-text">
            {q.main.text || <span className="muted">(no answer was written)</span>}
          </div>
          {recorded.includes(q.main.id) ? (
            <LazyRecordAnswer
              recordingUrl={recordingUrl(roundId, q.position, 0)}
              replayOnly
              headingLevel={4}
            />
          ) : null}
          {q.main.grade ? (
            <>
              <GradeCard
                grade={q.main.grade.grade}
                provenance={q.main.grade.provenance}
                criteria={q.criteria}
                headingLevel={3}
              />
              {q.main.grade.grade.star ? (
                <SaveAsStoryLink answerId={q.main.id} context={`question ${q.position}`} />
              ) : null}
            </>
          ) : q.main.skipped ? null : (
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
                          <div className="answer-text">
                            {followUp.text || <span className="muted">(no answer)</span>}
                          </div>
                          {recorded.includes(followUp.id) ? (
                            <LazyRecordAnswer
                              recordingUrl={recordingUrl(roundId, q.position, followUp.slot)}
                              replayOnly
                              headingLevel={4}
                            />
                          ) : null}
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
          {q.strongExample ? (
            <details className="example">
              <summary>Strong example answer to question {q.position}</summary>
              <div className="answer-text">{q.strongExample}</div>
            </details>
          ) : null}
        </>
      )}
    </section>
  );
}
