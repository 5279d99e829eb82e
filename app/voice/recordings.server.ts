import { and, eq, inArray, lt, ne, or } from "drizzle-orm";
import { recordings } from "../../db/schema";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { deliveryMetrics, type DeliveryMetrics } from "./delivery";
import type { RecordingStatus } from "./recording-status";
import type { RecordingView } from "./recording-view";
import { isTranscriptionConfigured, transcribe } from "./transcribe.server";

/**
 * A spoken answer's recording: saved first, whatever happens next; then
 * transcribed, with the outcome (transcript and delivery figures, or why it
 * failed) written on the same row. Callers have already checked that the
 * answer is the signed-in user's.
 */

export type RecordingInfo = Omit<typeof recordings.$inferSelect, "audio">;

/** Every column of a recording but its audio: what pages and the export read. */
export const RECORDING_INFO_COLUMNS = {
  answerId: recordings.answerId,
  mimeType: recordings.mimeType,
  bytes: recordings.bytes,
  durationMs: recordings.durationMs,
  status: recordings.status,
  failureReason: recordings.failureReason,
  transcript: recordings.transcript,
  transcribedBy: recordings.transcribedBy,
  delivery: recordings.delivery,
  createdAt: recordings.createdAt,
  updatedAt: recordings.updatedAt,
};

/** Stores the audio (replacing an earlier recording of this answer), marked for transcription if a server is configured. */
export function saveRecording(
  answerId: string,
  { audio, mimeType, durationMs }: { audio: Uint8Array; mimeType: string; durationMs: number | null },
  now: Date,
): RecordingInfo {
  const status: RecordingStatus = isTranscriptionConfigured() ? "transcribing" : "untranscribed";
  const row = {
    mimeType,
    bytes: audio.byteLength,
    durationMs,
    status,
    failureReason: null,
    transcript: null,
    transcribedBy: null,
    delivery: null,
    createdAt: now,
    updatedAt: now,
    audio: Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength),
  };
  getDb()
    .insert(recordings)
    .values({ answerId, ...row })
    .onConflictDoUpdate({ target: recordings.answerId, set: row })
    .run();
  return findRecording(answerId)!;
}

export function findRecording(answerId: string): RecordingInfo | undefined {
  return getDb().select(RECORDING_INFO_COLUMNS).from(recordings).where(eq(recordings.answerId, answerId)).get();
}

/** The recordings of those of these answers that were spoken, in one query. */
export function findRecordings(answerIds: readonly string[]): RecordingInfo[] {
  if (answerIds.length === 0) return [];
  return getDb()
    .select(RECORDING_INFO_COLUMNS)
    .from(recordings)
    .where(inArray(recordings.answerId, [...answerIds]))
    .all();
}

export function readRecordingAudio(answerId: string): { audio: Buffer; mimeType: string } | undefined {
  return getDb()
    .select({ audio: recordings.audio, mimeType: recordings.mimeType })
    .from(recordings)
    .where(eq(recordings.answerId, answerId))
    .get();
}

/** How long a transcription may sit in "transcribing" before it is taken for lost (its process died). */
function staleAfterMs(): number {
  return getEnv().TRANSCRIBE_TIMEOUT_MS + 30_000;
}

/** A row left "transcribing" past any timeout was interrupted (a restart): it reads as failed, and may be tried again. */
export function effectiveStatus(info: RecordingInfo, now: Date): { status: RecordingStatus; reason: string | null } {
  if (info.status === "transcribing" && now.getTime() - info.updatedAt.getTime() > staleAfterMs()) {
    return { status: "failed", reason: "The transcription was interrupted (the server restarted)." };
  }
  return { status: info.status, reason: info.failureReason };
}

/** What a page shows of a recording; `base` is its answer slot's recordingUrl. */
export function recordingView(info: RecordingInfo, base: string, now: Date): RecordingView {
  const { status, reason } = effectiveStatus(info, now);
  return {
    status,
    reason,
    transcript: info.transcript,
    transcribedBy: info.transcribedBy,
    delivery: info.delivery,
    mimeType: info.mimeType,
    bytes: info.bytes,
    durationMs: info.durationMs,
    audioUrl: `${base}&v=${info.createdAt.getTime()}`,
    canRetry: status === "failed" && isTranscriptionConfigured(),
  };
}

/**
 * Transcribes the stored audio and writes the outcome. `claim` first takes the
 * row for this transcription (a second "Try again" while one runs does nothing);
 * the upload has already marked it "transcribing" itself.
 */
export async function transcribeRecording(answerId: string, { claim }: { claim: boolean }): Promise<RecordingInfo | undefined> {
  const now = new Date();
  if (claim) {
    const taken = getDb()
      .update(recordings)
      .set({ status: "transcribing", failureReason: null, updatedAt: now })
      .where(
        and(
          eq(recordings.answerId, answerId),
          or(ne(recordings.status, "transcribing"), lt(recordings.updatedAt, new Date(now.getTime() - staleAfterMs()))),
        ),
      )
      .run();
    if (taken.changes === 0) return findRecording(answerId);
  }
  const stored = readRecordingAudio(answerId);
  if (!stored) return undefined;
  const info = findRecording(answerId)!;
  const result = await transcribe(stored.audio, stored.mimeType);
  const done = new Date();
  // Recorded again while this ran: the newer recording's own transcription writes its outcome, not this one.
  const sameRecording = and(eq(recordings.answerId, answerId), eq(recordings.createdAt, info.createdAt));
  if (result.ok) {
    const durationSeconds = result.durationSeconds ?? (info.durationMs === null ? null : info.durationMs / 1000);
    getDb()
      .update(recordings)
      .set({
        status: "transcribed",
        failureReason: null,
        transcript: result.transcript,
        transcribedBy: result.by,
        durationMs: durationSeconds === null ? info.durationMs : Math.round(durationSeconds * 1000),
        delivery: deliveryMetrics({ transcript: result.transcript, segments: result.segments, durationSeconds }),
        updatedAt: done,
      })
      .where(sameRecording)
      .run();
  } else {
    getDb()
      .update(recordings)
      .set({ status: "failed", failureReason: result.reason, updatedAt: done })
      .where(sameRecording)
      .run();
  }
  return findRecording(answerId);
}

/**
 * A transcript the browser made itself (its own speech recognition, where no
 * server is configured): kept with delivery figures from the recording's length.
 */
export function saveBrowserTranscript(answerId: string, transcript: string, now: Date): RecordingInfo | undefined {
  const info = findRecording(answerId);
  if (!info || info.status === "transcribed" || info.status === "transcribing") return info;
  const delivery: DeliveryMetrics = deliveryMetrics({
    transcript,
    durationSeconds: info.durationMs === null ? null : info.durationMs / 1000,
  });
  getDb()
    .update(recordings)
    .set({ status: "transcribed", failureReason: null, transcript, transcribedBy: "browser", delivery, updatedAt: now })
    .where(eq(recordings.answerId, answerId))
    .run();
  return findRecording(answerId);
}
