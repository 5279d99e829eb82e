import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { RecordingError, RecordingState, RecordingView } from "~/voice/recording-view";
import { hasBrowserSpeech, listen } from "./browser-speech";
import { RecordingPlayback } from "./recording-playback";
import { canRecord, useRecorder, type Recording } from "./use-recorder";

/**
 * "Record answer": records with the microphone, saves the audio to the
 * answer's recording route, and puts the transcript into the answer box
 * (through an input event, so the draft autosave keeps it). A failed
 * transcription keeps the recording, says why and offers "Try again". With no
 * transcription server, the browser's own speech recognition stands in where
 * it exists; otherwise the recording is kept for replay and the user types.
 * Loaded lazily (record-answer-lazy.tsx): none of this is in the page's first JavaScript.
 */

export interface RecordAnswerProps {
  /** The answer's recording route: `/rounds/:roundId/questions/:position/recording?slot=N`. */
  recordingUrl: string;
  /** The id of the answer box the transcript goes into. */
  textareaId?: string;
  /** The answer's deadline and the server's clock when the page loaded: recording stops just before time runs out. */
  deadline?: Date | string;
  serverNow?: Date | string;
  /** The level of the section's (visually hidden) heading in the page's outline. */
  headingLevel?: 2 | 3 | 4 | 5;
}

/** Stop this long before the deadline, so the upload lands before the clock submits the answer. */
const STOP_BEFORE_DEADLINE_MS = 3_000;

type Notice = { tone: "status" | "alert"; text: string };

function isView(value: unknown): value is RecordingView {
  return typeof value === "object" && value !== null && "status" in value && "audioUrl" in value;
}

function errorOf(value: unknown): string | null {
  return typeof value === "object" && value !== null && typeof (value as RecordingError).error === "string"
    ? (value as RecordingError).error
    : null;
}

/** Appends the transcript to the answer box as if typed: React's onChange runs, and with it the draft autosave. */
export function putIntoAnswerBox(textareaId: string, transcript: string): boolean {
  const box = document.getElementById(textareaId);
  if (!(box instanceof HTMLTextAreaElement) || transcript.trim() === "") return false;
  const current = box.value.trimEnd();
  let next = current ? `${current}\n\n${transcript.trim()}` : transcript.trim();
  if (box.maxLength > 0) next = next.slice(0, box.maxLength);
  // The prototype's setter, not `box.value =`: React tracks the element's own value and would ignore the event.
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")?.set?.call(box, next);
  box.dispatchEvent(new Event("input", { bubbles: true }));
  return true;
}

const formatElapsed = (ms: number) => {
  const total = Math.floor(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
};

export function RecordAnswer({ recordingUrl, textareaId = "answer", deadline, serverNow, headingLevel = 2 }: RecordAnswerProps) {
  const ids = useId();
  const [state, setState] = useState<RecordingState | "absent" | null>(null);
  const [view, setView] = useState<RecordingView | null>(null);
  const [busy, setBusy] = useState<"transcribing" | "retrying" | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [localUrl, setLocalUrl] = useState<string | null>(null);
  const speech = useRef<ReturnType<typeof listen>>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // What the server already has for this answer (a recording from before a reload), and whether it transcribes.
  useEffect(() => {
    let cancelled = false;
    const load = async (): Promise<RecordingState | "absent" | null> => {
      try {
        const response = await fetch(`${recordingUrl}&format=json`, { headers: { Accept: "application/json" } });
        if (response.status === 404) return "absent";
        return response.ok ? ((await response.json()) as RecordingState) : null;
      } catch {
        return null;
      }
    };
    void load().then((loaded) => {
      if (cancelled) return;
      // No answer in this slot yet (its clock not started): nothing to record into.
      if (loaded === "absent") return setState("absent");
      // Unknown (the request failed): offer recording anyway; the upload will say what went wrong.
      setState(loaded ?? { transcription: { configured: true }, open: true, maxBytes: 10 * 1024 * 1024, recording: null });
      if (loaded?.recording) setView(loaded.recording);
    });
    return () => {
      cancelled = true;
    };
  }, [recordingUrl]);

  useEffect(() => () => {
    if (localUrl) URL.revokeObjectURL(localUrl);
  }, [localUrl]);

  const browserSpeech = typeof state === "object" && state !== null && !state.transcription.configured && hasBrowserSpeech();

  const show = useCallback(
    (next: RecordingView, { fresh, browserFailed = false }: { fresh: boolean; browserFailed?: boolean }) => {
      setView(next);
      if (next.status === "transcribed") {
        const put = fresh && next.transcript ? putIntoAnswerBox(textareaId, next.transcript) : false;
        setNotice(
          !fresh
            ? null
            : put
              ? { tone: "status", text: "The transcript is in your answer box: check and edit it before you submit." }
              : { tone: "status", text: "No speech was heard in the recording. It is saved; type your answer instead." },
        );
      } else if (next.status === "failed") {
        setNotice({ tone: "alert", text: `The transcription failed: ${next.reason ?? "no reason was given."} Your recording is saved.` });
      } else if (next.status === "untranscribed" && fresh) {
        setNotice({
          tone: "status",
          text: browserFailed
            ? "Your browser could not transcribe the recording. It is saved: play it back below and type your answer."
            : "Your recording is saved: play it back below and type your answer in the box.",
        });
      }
    },
    [textareaId],
  );

  const upload = useCallback(
    async ({ blob, durationMs }: Recording) => {
      setBusy("transcribing");
      setNotice(null);
      const heard = speech.current ? speech.current.finish() : Promise.resolve(null);
      const triedBrowser = speech.current !== null;
      speech.current = null;
      let response: Response;
      let body: unknown;
      try {
        response = await fetch(recordingUrl, {
          method: "POST",
          body: blob,
          headers: { "Content-Type": blob.type || "audio/webm", "X-Recording-Duration-Ms": String(durationMs) },
        });
        body = await response.json().catch(() => null);
      } catch {
        if (!mounted.current) return;
        setLocalUrl(URL.createObjectURL(blob));
        setBusy(null);
        setNotice({ tone: "alert", text: "The recording could not be saved: the server could not be reached. You can still play it back here; type your answer." });
        return;
      }
      if (!mounted.current) return;
      if (!response.ok || !isView(body)) {
        setLocalUrl(URL.createObjectURL(blob));
        setBusy(null);
        setNotice({
          tone: "alert",
          text: `${errorOf(body) ?? `The recording could not be saved (the server answered ${response.status}).`} You can still play it back here.`,
        });
        return;
      }
      setLocalUrl(null);
      if (body.status === "untranscribed" && triedBrowser) {
        const text = await heard;
        if (text && mounted.current) {
          const stored = await fetch(recordingUrl, { method: "POST", body: new URLSearchParams({ intent: "browser-transcript", transcript: text }) })
            .then((r) => (r.ok ? r.json() : null))
            .catch(() => null);
          if (!mounted.current) return;
          setBusy(null);
          // The transcript goes into the box even if storing it for the delivery figures failed.
          show(isView(stored) ? stored : { ...body, status: "transcribed", transcript: text, transcribedBy: "browser" }, { fresh: true });
          return;
        }
        setBusy(null);
        show(body, { fresh: true, browserFailed: true });
        return;
      }
      setBusy(null);
      show(body, { fresh: true });
    },
    [recordingUrl, show],
  );

  const recorder = useRecorder({ onStop: (recording) => void upload(recording), maxBytes: typeof state === "object" ? state?.maxBytes : undefined });

  const retry = useCallback(async () => {
    setBusy("retrying");
    setNotice(null);
    const body: unknown = await fetch(recordingUrl, { method: "POST", body: new URLSearchParams({ intent: "transcribe" }) })
      .then((r) => r.json())
      .catch(() => null);
    if (!mounted.current) return;
    setBusy(null);
    if (isView(body)) show(body, { fresh: true });
    else setNotice({ tone: "alert", text: errorOf(body) ?? "The server could not be reached. Your recording is still saved; try again later." });
  }, [recordingUrl, show]);

  // The clock rules: recording stops (and is saved) just before the answer's time runs out.
  const clockOffset = useRef<number | null>(null);
  if (clockOffset.current === null && serverNow) clockOffset.current = new Date(serverNow).getTime() - Date.now();
  const deadlineMs = deadline ? new Date(deadline).getTime() - (clockOffset.current ?? 0) : null;
  const { phase, stop } = recorder;
  useEffect(() => {
    if (phase !== "recording" || deadlineMs === null) return;
    const timer = setTimeout(stop, Math.max(0, deadlineMs - STOP_BEFORE_DEADLINE_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [phase, deadlineMs, stop]);

  const press = () => {
    if (recorder.phase === "recording") return recorder.stop();
    setNotice(null);
    if (browserSpeech) speech.current = listen();
    void recorder.start();
  };
  // A refused microphone leaves no recording: stop listening too.
  useEffect(() => {
    if (recorder.problem) {
      speech.current?.cancel();
      speech.current = null;
    }
  }, [recorder.problem]);

  if (state === null || state === "absent") return null;
  const open = state.open;
  // A closed answer with nothing recorded (a submitted typed answer): nothing to show.
  if (!open && !view && !localUrl) return null;
  const audioUrl = localUrl ?? view?.audioUrl ?? null;
  const status =
    recorder.phase === "requesting"
      ? "Asking for the microphone…"
      : recorder.phase === "recording"
        ? `Recording: ${formatElapsed(recorder.elapsedMs)}`
        : recorder.phase === "stopping"
          ? "Finishing the recording…"
          : busy === "transcribing"
            ? browserSpeech
              ? "Saving the recording…"
              : "Transcribing… (the recording is saved first)"
            : busy === "retrying"
              ? "Transcribing…"
              : notice?.tone === "status"
                ? notice.text
                : "";
  const Heading = `h${headingLevel}` as const;
  const alert = recorder.problem ?? (notice?.tone === "alert" ? notice.text : null);

  return (
    <section className="recorder stack" aria-labelledby={`${ids}-heading`}>
      <Heading id={`${ids}-heading`} className="visually-hidden">
        {open ? "Answer out loud" : "Your recording"}
      </Heading>
      {open ? (
        <>
          <p className="hint" id={`${ids}-how`}>
            {!canRecord()
              ? "This browser cannot record audio: type your answer."
              : state.transcription.configured
                ? "Answer out loud: the recording is saved, transcribed, and the transcript put into your answer box to edit."
                : browserSpeech
                  ? "Answer out loud: no transcription server is set up, so your browser's own speech recognition is used (some browsers send the audio to their maker's servers for this). The recording is kept for replay."
                  : "Answer out loud: no transcription server is set up and this browser cannot transcribe, so the recording is kept for replay while you type your answer."}
          </p>
          {canRecord() ? (
            <div className="recorder-controls">
              <button
                type="button"
                className={recorder.phase === "recording" ? undefined : "secondary"}
                onClick={press}
                disabled={busy !== null || recorder.phase === "requesting" || recorder.phase === "stopping"}
                aria-describedby={`${ids}-how ${ids}-status`}
              >
                {recorder.phase === "recording" ? "Stop" : view ? "Record again" : "Record answer"}
              </button>
              {recorder.phase === "recording" ? (
                <meter min={0} max={1} low={0.05} value={recorder.level} aria-label="Microphone level" />
              ) : null}
            </div>
          ) : null}
        </>
      ) : null}
      <p id={`${ids}-status`} role="status" className="hint">
        {status}
      </p>
      {alert ? (
        <p role="alert" className="form-errors">
          {alert}
        </p>
      ) : null}
      {view?.canRetry && busy === null && recorder.phase === "idle" ? (
        <button type="button" className="secondary" onClick={() => void retry()}>
          Try again
        </button>
      ) : null}
      <RecordingPlayback
        audioUrl={recorder.phase === "idle" ? audioUrl : null}
        delivery={view?.delivery ?? null}
        headingLevel={(headingLevel + 1) as 3 | 4 | 5 | 6}
      />
    </section>
  );
}
