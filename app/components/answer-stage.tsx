import { Form, useNavigation } from "@remix-run/react";
import { lazy, Suspense, useEffect, useRef } from "react";
import type { AnswerPageData } from "~/answering/answer-page.server";
import type { SubmissionResult } from "@conform-to/react";
import { AnswerForm } from "./answer-form";
import { LazyRecordAnswer } from "./record-answer-lazy";
import { recordingUrl } from "~/voice/recording-view";
import type { CriterionLabel } from "./grade-card";
import { SaveAsStoryLink } from "./story-save-link";

/*
 * The grade's code is a chunk of its own, fetched when the answer is submitted rather than with the page:
 * most visits to this page are to write an answer, and that JavaScript is what a phone waits for. The
 * server renders a grade in full (lazy components resolve before the page is sent), so a page that
 * opens on a grade shows it at once and hydrates it when the chunk arrives.
 */
const loadGradeCard = () => import("./grade-card");
const loadLiveGrade = () => import("./live-grade");
const GradeCard = lazy(() => loadGradeCard().then((m) => ({ default: m.GradeCard })));
const LiveGrade = lazy(() => loadLiveGrade().then((m) => ({ default: m.LiveGrade })));

type AnswerData = AnswerPageData["answer"];

/** An answer at whatever stage it is: being written against the clock, submitted, or graded. */
function AnswerOrGrade({
  answer,
  serverNow,
  criteria,
  result,
  draftUrl,
  gradeStreamUrl,
  canRegrade,
}: {
  answer: AnswerData;
  serverNow: Date;
  criteria: CriterionLabel[];
  result?: SubmissionResult<string[]> | null;
  draftUrl: string;
  gradeStreamUrl: string | null;
  canRegrade: boolean;
}) {
  const answerHeading = useRef<HTMLHeadingElement>(null);
  const submitting = useNavigation().state === "submitting";
  useEffect(() => {
    if (!submitting) return;
    void loadGradeCard();
    void loadLiveGrade();
  }, [submitting]);
  const openAnswerId = useRef(answer.submittedAt ? null : answer.id);
  useEffect(() => {
    // Submitting (or the clock running out) replaces the form, and the button that had focus,
    // with the answer and its grade: carry on from there rather than from <body>.
    if (answer.submittedAt && openAnswerId.current === answer.id) answerHeading.current?.focus();
    openAnswerId.current = answer.submittedAt ? null : answer.id;
  }, [answer.id, answer.submittedAt]);

  if (!answer.submittedAt) {
    return (
      <AnswerForm
        key={answer.id}
        draftUrl={draftUrl}
        initialText={answer.text}
        deadline={answer.deadlineAt}
        serverNow={serverNow}
        secondsAllowed={answer.secondsAllowed}
        result={result}
      />
    );
  }
  return (
    <>
      <section aria-labelledby={`answer-${answer.id}`}>
        <h2 id={`answer-${answer.id}`} ref={answerHeading} tabIndex={-1}>
          Your answer
        </h2>
        {answer.skipped ? (
          <p className="badge">
            Skipped
            {answer.text.trim() === ""
              ? answer.timedOut
                ? ": the clock ran out before anything was written"
                : ""
              : ""}
          </p>
        ) : answer.timedOut ? (
          <p className="badge">Submitted after the clock ran out</p>
        ) : null}
        <div className="answer-text">
          {answer.text || <span className="muted">(no answer was written)</span>}
        </div>
        {answer.skipped ? (
          <p className="hint">
            A skipped question is not graded and counts in no average, chart, readiness figure or
            queue.
          </p>
        ) : null}
      </section>
      {answer.skipped ? null : answer.grade ? (
        <>
          <Suspense fallback={<p className="hint">Loading the feedback…</p>}>
            <GradeCard
              grade={answer.grade.grade}
              provenance={answer.grade.provenance}
              criteria={criteria}
            />
          </Suspense>
          {/* Only behavioural grades carry STAR parts: those answers can start a story. */}
          {answer.grade.grade.star && answer.slot === 0 ? (
            <SaveAsStoryLink answerId={answer.id} />
          ) : null}
          {canRegrade ? (
            <Form method="post" className="notice">
              <p>The LLM could not grade this answer at the time, so the offline grader did.</p>
              <button type="submit" name="intent" value="regrade">
                Re-grade with the LLM
              </button>
            </Form>
          ) : null}
        </>
      ) : (
        <>
          {gradeStreamUrl ? (
            <Suspense fallback={<p className="hint">Grading your answer…</p>}>
              <LiveGrade key={gradeStreamUrl} url={gradeStreamUrl} criteria={criteria} />
            </Suspense>
          ) : null}
          <noscript>
            <Form method="post" className="notice">
              <p>Your answer is saved but has not been graded yet.</p>
              <button type="submit" name="intent" value="grade">
                Grade now
              </button>
            </Form>
          </noscript>
        </>
      )}
    </>
  );
}

/**
 * An answer page's stage, the same on a question and on its follow-ups: the answer box (or the
 * submitted answer and its grade) and the recorder beside it.
 */
export function AnswerStage({
  page,
  result,
}: {
  page: AnswerPageData;
  result?: SubmissionResult<string[]> | null;
}) {
  const { answer } = page;
  return (
    <>
      <AnswerOrGrade
        answer={answer}
        serverNow={page.serverNow}
        criteria={page.question.criteria}
        result={result}
        draftUrl={page.draftUrl}
        gradeStreamUrl={page.gradeStreamUrl}
        canRegrade={page.canRegrade}
      />
      {/* Remounted on submission, so it switches to replay and delivery only. */}
      <LazyRecordAnswer
        key={`${answer.id}:${answer.submittedAt ? "submitted" : "open"}`}
        recordingUrl={recordingUrl(page.round.id, page.position, page.slot)}
        deadline={answer.deadlineAt}
        serverNow={page.serverNow}
      />
    </>
  );
}
