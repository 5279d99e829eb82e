/**
 * Where a recording's transcription stands. Kept free of server code: the
 * schema, the route and the recorder component all name these.
 *
 * - `transcribing`: sent to the transcription server (a row left here by a crash reads as failed, see recordingView)
 * - `transcribed`: the transcript and delivery figures are stored
 * - `failed`: the audio is kept; `failureReason` says why, and it can be tried again
 * - `untranscribed`: no transcription server is configured; the audio is kept for replay
 */
export const RECORDING_STATUSES = ["transcribing", "transcribed", "failed", "untranscribed"] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];
