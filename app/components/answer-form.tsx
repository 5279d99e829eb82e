import { Form, useNavigation, useNavigationType } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { ANSWER_MAX } from "~/rounds/round-limits";
import type { SubmissionResult } from "@conform-to/react";
import { Countdown } from "./countdown";
import { ErrorList } from "./form-errors";
import { useDraftAutosave } from "./use-draft-autosave";
import { formatCount } from "~/utils/format-count";

const AUTOSAVE_DELAY_MS = 800;

/**
 * For the routes that show an AnswerForm: arriving by a link or a submitted
 * form replaces the control that had focus, which drops focus to <body>.
 * Returns a ref for the page's heading (give it tabIndex={-1}); focus moves
 * there each time another answer is shown, so reading and Tab start at the
 * question. A first load, Back and Forward keep the browser's own focus.
 */
export function useFocusOnArrival<T extends HTMLElement>(answerId: string) {
  const ref = useRef<T>(null);
  const navigationType = useNavigationType();
  useEffect(() => {
    if (navigationType !== "POP") ref.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when another answer is shown, not on each revalidation
  }, [answerId]);
  return ref;
}

/**
 * The answer box with its clock. Typing saves a draft on the server (so a
 * reload or another tab shows the same text); the clock reaching zero submits.
 * Without JavaScript it is a plain form that posts the answer.
 */
export function AnswerForm({
  draftUrl,
  initialText,
  deadline,
  serverNow,
  secondsAllowed,
  result,
}: {
  /** Where the autosave posts the text (the answer's draft route). */
  draftUrl: string;
  initialText: string;
  deadline: Date;
  serverNow: Date;
  secondsAllowed: number;
  /** The action's reply to a rejected post: its messages and the text as it was sent. */
  result?: SubmissionResult<string[]> | null;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const { status, save } = useDraftAutosave(draftUrl);
  const submitting = useNavigation().state !== "idle";
  const sent = result?.initialValue?.answer;
  const typed = typeof sent === "string" ? sent : initialText;
  const [length, setLength] = useState(typed.length);
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);

  const saveNow = useCallback(() => {
    clearTimeout(pending.current);
    const textarea = formRef.current?.elements.namedItem("answer");
    if (!(textarea instanceof HTMLTextAreaElement)) return;
    save(textarea.value);
  }, [save]);

  useEffect(() => () => clearTimeout(pending.current), []);

  const submitButton = useRef<HTMLButtonElement>(null);
  const skipButton = useRef<HTMLButtonElement>(null);
  // Time is up: what was written is submitted; with nothing written the question is skipped.
  const onExpire = useCallback(() => {
    const textarea = formRef.current?.elements.namedItem("answer");
    const empty = !(textarea instanceof HTMLTextAreaElement) || textarea.value.trim() === "";
    formRef.current?.requestSubmit(empty ? skipButton.current : submitButton.current);
  }, []);

  // Conform files a message about the whole form under "".
  const errors = [...(result?.error?.[""] ?? []), ...(result?.error?.answer ?? [])];

  return (
    <Form
      method="post"
      ref={formRef}
      className="stack answer-form"
      onSubmit={() => clearTimeout(pending.current)}
    >
      <Countdown
        deadline={deadline}
        serverNow={serverNow}
        secondsAllowed={secondsAllowed}
        onExpire={onExpire}
      />
      <label htmlFor="answer">Your answer</label>
      <textarea
        id="answer"
        name="answer"
        rows={14}
        maxLength={ANSWER_MAX}
        defaultValue={typed}
        aria-invalid={errors.length > 0 ? true : undefined}
        aria-describedby="answer-status answer-errors"
        onChange={(event) => {
          setLength(event.currentTarget.value.length);
          clearTimeout(pending.current);
          pending.current = setTimeout(saveNow, AUTOSAVE_DELAY_MS);
        }}
        onBlur={(event) => {
          // Moving to "Submit answer" sends the text with the submission itself: a save
          // now would only race it (and be refused once the answer is in).
          const next = event.relatedTarget;
          if (
            next instanceof HTMLButtonElement &&
            next.type === "submit" &&
            next.form === formRef.current
          )
            return;
          saveNow();
        }}
      />
      <p id="answer-status" className="hint">
        {formatCount(length)} / {formatCount(ANSWER_MAX)} characters
        {status.state === "saving"
          ? " · Saving draft…"
          : status.state === "saved"
            ? ` · Draft saved ${status.savedAt.toLocaleTimeString("en-GB")}`
            : ""}
      </p>
      <ErrorList
        id="answer-errors"
        errors={[...errors, ...(status.state === "failed" ? [status.message] : [])]}
      />
      <div className="answer-actions">
        <button type="submit" name="intent" value="submit" ref={submitButton} disabled={submitting}>
          Submit answer
        </button>
        <button
          type="submit"
          name="intent"
          value="skip"
          ref={skipButton}
          className="secondary"
          disabled={submitting}
        >
          Skip this question
        </button>
      </div>
      <p className="hint">
        A skipped question keeps what you wrote but is not graded, and counts in no score.
      </p>
    </Form>
  );
}
