import type { DeliveryMetrics } from "./delivery";
import type { RecordingStatus } from "./recording-status";

/**
 * What the recording route tells the recorder (JSON), and the page may show:
 * never the audio itself, which is fetched from `audioUrl` by <audio>.
 */
export interface RecordingView {
  status: RecordingStatus;
  /** Why the transcription failed, when it did. */
  reason: string | null;
  transcript: string | null;
  /** "model @ server", or "browser". */
  transcribedBy: string | null;
  delivery: DeliveryMetrics | null;
  mimeType: string;
  bytes: number;
  durationMs: number | null;
  /** Changes with each new recording, so a replaced one is never served from cache. */
  audioUrl: string;
  canRetry: boolean;
}

/** The recorder's view of one answer slot (GET …/recording?slot=N&format=json). */
export interface RecordingState {
  /** Whether a transcription server is configured; without one, the browser's own recognition is offered. */
  transcription: { configured: boolean };
  /** Whether a recording may still be uploaded (the answer is open and its clock has not run out). */
  open: boolean;
  maxBytes: number;
  recording: RecordingView | null;
}

/** The recording route of an answer slot (0 the main answer, 1-3 its follow-ups). */
export function recordingUrl(roundId: string, position: number, slot: number): string {
  return `/rounds/${roundId}/questions/${position}/recording?slot=${slot}`;
}

/** Any refusal from the recording route: a sentence for the page. */
export interface RecordingError {
  error: string;
}
