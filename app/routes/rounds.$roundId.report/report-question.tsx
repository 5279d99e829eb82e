import { Link } from "@remix-run/react";
import { useId } from "react";
import type { AnswerView } from "~/grading/round-grades.server";
import { timeUsedText, type QuestionTime } from "~/review/time-used";
import { GradeCard, type CriterionLabel } from "~/components/grade-card";
import { SaveAsStoryLink } from "~/components/story-save-link";
import { RecordingPlayback } from "~/components/recording-playback";
import type { RecordingView } from "~/voice/recording-view";

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
  recordings,
}: {
  roundId: string;
  q: ReportQuestionData;
  /** The spoken answers' recordings, by answer id. */
  recordings: Readonly<Record<string, RecordingView>>;
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
          <SpokenAnswer recording={recordings[q.main.id]} />
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
                          <SpokenAnswer recording={recordings[followUp.id]} />
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

/** A spoken answer's recording, to play back, and how it was said; nothing for a typed answer. */
function SpokenAnswer({ recording }: { recording: RecordingView | undefined }) {
  const id = useId();
  if (!recording) return null;
  return (
    <section className="recorder stack" aria-labelledby={id}>
      <h4 id={id} className="visually-hidden">
        Your recording
      </h4>
      <RecordingPlayback
        audioUrl={recording.audioUrl}
        delivery={recording.delivery}
        headingLevel={5}
      />
    </section>
  );
}
