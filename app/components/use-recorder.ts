import fixWebmDuration from "fix-webm-duration";
import { useCallback, useEffect, useRef, useState } from "react";

/**
 * The browser half of recording an answer: the microphone (asked for only
 * when `start` is called), MediaRecorder, an input level from an AnalyserNode,
 * and the elapsed time. `onStop` hears the recording once it is complete.
 */

export type RecorderPhase = "idle" | "requesting" | "recording" | "stopping";

export interface Recording {
  blob: Blob;
  durationMs: number;
}

/** Containers the server takes, in the order browsers record them best. */
const PREFERRED_TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4", "audio/webm"];

/**
 * MediaRecorder writes WebM as a stream, with no duration in its header: played
 * from the file, <audio> shows no length and its seek bar does nothing, and a page
 * without JavaScript (the round report) cannot work around that. The duration is
 * written into the header before the upload; any other container, or a file the
 * library cannot read, is sent as it is.
 */
function withDuration(blob: Blob, durationMs: number): Promise<Blob> {
  if (!blob.type.startsWith("audio/webm")) return Promise.resolve(blob);
  return fixWebmDuration(blob, durationMs, { logger: false });
}

export function canRecord(): boolean {
  return typeof window !== "undefined" && typeof window.MediaRecorder === "function" && Boolean(navigator.mediaDevices?.getUserMedia);
}

/** A refused or missing microphone, in a sentence a person can act on. */
export function microphoneProblem(error: unknown): string {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") {
    return "The microphone was refused. To answer out loud, allow it for this site in your browser's settings and press “Record answer” again; or type your answer.";
  }
  if (name === "NotFoundError" || name === "OverconstrainedError") {
    return "No microphone was found. Connect one and press “Record answer” again, or type your answer.";
  }
  if (name === "NotReadableError" || name === "AbortError") {
    return "The microphone could not be started (another app may be using it). Type your answer, or try again.";
  }
  return "Recording could not start in this browser. Type your answer instead.";
}

export function useRecorder({ onStop, maxBytes }: { onStop: (recording: Recording) => void; maxBytes?: number }) {
  const [phase, setPhase] = useState<RecorderPhase>("idle");
  const [problem, setProblem] = useState<string | null>(null);
  const [elapsedMs, setElapsedMs] = useState(0);
  const [level, setLevel] = useState(0);
  const session = useRef<{
    stream: MediaStream;
    recorder: MediaRecorder;
    context: AudioContext | null;
    frame: number;
    timer: ReturnType<typeof setInterval>;
    startedAt: number;
  } | null>(null);
  const onStopRef = useRef(onStop);
  onStopRef.current = onStop;

  const release = useCallback(() => {
    const current = session.current;
    if (!current) return;
    session.current = null;
    cancelAnimationFrame(current.frame);
    clearInterval(current.timer);
    for (const track of current.stream.getTracks()) track.stop();
    void current.context?.close().catch(() => {});
    setLevel(0);
  }, []);

  const stop = useCallback(() => {
    const current = session.current;
    if (!current || current.recorder.state === "inactive") return;
    setPhase("stopping");
    current.recorder.stop();
  }, []);

  const start = useCallback(async () => {
    if (session.current) return;
    setProblem(null);
    if (!canRecord()) {
      setProblem("This browser cannot record audio. Type your answer instead.");
      return;
    }
    setPhase("requesting");
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      setProblem(microphoneProblem(error));
      setPhase("idle");
      return;
    }
    const mimeType = PREFERRED_TYPES.find((type) => MediaRecorder.isTypeSupported(type));
    let recorder: MediaRecorder;
    try {
      recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    } catch (error) {
      for (const track of stream.getTracks()) track.stop();
      setProblem(microphoneProblem(error));
      setPhase("idle");
      return;
    }
    const chunks: Blob[] = [];
    let bytes = 0;
    const startedAt = performance.now();
    recorder.ondataavailable = (event) => {
      if (event.data.size === 0) return;
      chunks.push(event.data);
      bytes += event.data.size;
      // Stop before the server's limit, keeping what was said so far.
      if (maxBytes && bytes > maxBytes * 0.95) stop();
    };
    recorder.onstop = () => {
      const durationMs = Math.round(performance.now() - startedAt);
      release();
      const blob = new Blob(chunks, { type: recorder.mimeType || mimeType || "audio/webm" });
      void withDuration(blob, durationMs).then((complete) => {
        setPhase("idle");
        onStopRef.current({ blob: complete, durationMs });
      });
    };

    // The level meter: loudness of the input, smoothed, a few times a second.
    let context: AudioContext | null = null;
    let analyser: AnalyserNode | null = null;
    try {
      context = new AudioContext();
      analyser = context.createAnalyser();
      analyser.fftSize = 512;
      context.createMediaStreamSource(stream).connect(analyser);
    } catch {
      context = null; // no meter, recording still works
    }
    const samples = new Uint8Array(analyser?.fftSize ?? 0);
    let lastPaint = 0;
    const measure = (time: number) => {
      if (!session.current) return;
      session.current.frame = requestAnimationFrame(measure);
      if (!analyser || time - lastPaint < 100) return;
      lastPaint = time;
      analyser.getByteTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += ((sample - 128) / 128) ** 2;
      setLevel(Math.min(1, Math.sqrt(sum / samples.length) * 4));
    };
    session.current = {
      stream,
      recorder,
      context,
      frame: requestAnimationFrame(measure),
      timer: setInterval(() => setElapsedMs(performance.now() - startedAt), 250),
      startedAt,
    };
    setElapsedMs(0);
    recorder.start(1000);
    setPhase("recording");
  }, [maxBytes, release, stop]);

  // Leaving the page mid-recording lets go of the microphone.
  useEffect(
    () => () => {
      const current = session.current;
      if (current) current.recorder.onstop = null;
      if (current && current.recorder.state !== "inactive") current.recorder.stop();
      release();
    },
    [release],
  );

  return { phase, problem, elapsedMs, level, start, stop };
}
