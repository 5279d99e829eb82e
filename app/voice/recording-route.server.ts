import type { LoaderFunctionArgs } from "@remix-run/node";
import { assertSameOrigin } from "~/auth/same-origin.server";
import { getEnv } from "~/env.server";
import { resolveAnswerSlotFromQuery } from "~/answering/answer-slots.server";
import { findAnswer, type Answer } from "~/rounds/answers.server";
import { GRACE_MS, hasExpired } from "~/rounds/clock";
import { ANSWER_MAX } from "~/rounds/round-limits";
import { invariantResponse } from "~/utils/invariant.server";
import {
  declaredFormat,
  sniffFormat,
  storedMimeType,
  wavDurationSeconds,
  AUDIO_FORMATS,
} from "./audio-format";
import { parseByteRange } from "./byte-range";
import {
  findRecording,
  recordingView,
  readRecordingAudio,
  saveBrowserTranscript,
  saveRecording,
  transcribeRecording,
} from "./recordings.server";
import {
  recordingUrl,
  type RecordingError,
  type RecordingState,
  type RecordingView,
} from "./recording-view";
import { isTranscriptionConfigured } from "./transcribe.server";

/**
 * The recording route of an answer slot (`?slot=` names a follow-up, like the
 * draft route): POST the audio (raw, with an audio Content-Type, or multipart
 * with an `audio` file), a "Try again" (`intent=transcribe`), or the browser's
 * own transcript (`intent=browser-transcript`); GET the audio back with Range
 * support, or the recorder's state as JSON with `&format=json`. Another user's
 * answer is a 404 like everywhere else; a submitted one takes no new audio (409).
 */

type Params = LoaderFunctionArgs["params"];

/** Multipart boundaries and part headers around the audio file. */
export const RECORDING_ENVELOPE_BYTES = 16 * 1024;
/** Clocks differ between the browser and the server: a recording may run this much past what the server allows. */
const DURATION_SLACK_MS = 5_000;

const json = (body: RecordingView | RecordingState | RecordingError, status = 200) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
const refuse = (error: string, status: number) => json({ error }, status);

async function resolve(request: Request, params: Params) {
  const { roundQuestion, slot } = await resolveAnswerSlotFromQuery(request, params);
  const answer = findAnswer(roundQuestion.id, slot);
  invariantResponse(answer, "Answer not found");
  return {
    answer,
    base: recordingUrl(roundQuestion.roundId, roundQuestion.position, slot),
  };
}

const isOpen = (answer: Answer, now: Date) =>
  !answer.submittedAt && !hasExpired(answer.deadlineAt, now);

export async function recordingLoader(request: Request, params: Params): Promise<Response> {
  const { answer, base } = await resolve(request, params);
  const now = new Date();
  const url = new URL(request.url);
  if (url.searchParams.get("format") === "json") {
    const info = findRecording(answer.id);
    return json({
      transcription: { configured: isTranscriptionConfigured() },
      open: isOpen(answer, now),
      maxBytes: getEnv().RECORDING_MAX_BYTES,
      recording: info ? recordingView(info, base, now) : null,
    } satisfies RecordingState);
  }
  const stored = readRecordingAudio(answer.id);
  invariantResponse(stored, "No recording");
  return audioResponse(stored.audio, stored.mimeType, request.headers.get("Range"));
}

function audioResponse(audio: Buffer, mimeType: string, rangeHeader: string | null): Response {
  const size = audio.byteLength;
  const format = declaredFormat(mimeType);
  const headers = new Headers({
    "Content-Type": mimeType,
    "Accept-Ranges": "bytes",
    // The URL changes with each new recording (`v=`); a replay after a reload still asks first.
    "Cache-Control": "private, no-cache",
    "Content-Disposition": `inline; filename="answer.${format ? AUDIO_FORMATS[format].extension : "audio"}"`,
  });
  const range = parseByteRange(rangeHeader, size);
  if (range === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  if (range === null) {
    headers.set("Content-Length", String(size));
    return new Response(new Uint8Array(audio), { status: 200, headers });
  }
  headers.set("Content-Range", `bytes ${range.start}-${range.end}/${size}`);
  headers.set("Content-Length", String(range.end - range.start + 1));
  return new Response(new Uint8Array(audio.subarray(range.start, range.end + 1)), {
    status: 206,
    headers,
  });
}

export async function recordingAction(request: Request, params: Params): Promise<Response> {
  assertSameOrigin(request);
  const { answer, base } = await resolve(request, params);
  const contentType = request.headers.get("Content-Type") ?? "";
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) {
    return intentAction(answer, base, await request.formData());
  }
  return uploadAction(request, answer, base, contentType);
}

async function intentAction(answer: Answer, base: string, form: FormData): Promise<Response> {
  const now = new Date();
  const intent = form.get("intent");
  const info = findRecording(answer.id);
  if (!info) return refuse("There is no recording of this answer.", 404);
  if (intent === "transcribe") {
    if (!isTranscriptionConfigured()) return refuse("No transcription server is configured.", 409);
    const done = await transcribeRecording(answer.id, { claim: true });
    return json(recordingView(done ?? info, base, new Date()));
  }
  if (intent === "browser-transcript") {
    const transcript = form.get("transcript");
    if (typeof transcript !== "string" || transcript.length > ANSWER_MAX)
      return refuse("The transcript is missing or too long.", 400);
    return json(
      recordingView(saveBrowserTranscript(answer.id, transcript.trim(), now) ?? info, base, now),
    );
  }
  return refuse("Unknown request.", 400);
}

async function uploadAction(
  request: Request,
  answer: Answer,
  base: string,
  contentType: string,
): Promise<Response> {
  const now = new Date();
  if (!isOpen(answer, now))
    return refuse("This answer was already submitted: the recording was not saved.", 409);
  const maxBytes = getEnv().RECORDING_MAX_BYTES;
  const multipart = /^multipart\/form-data/i.test(contentType);
  if (!multipart && declaredFormat(contentType) === null) {
    return refuse("Only audio can be saved here (WebM, Ogg, WAV, MP4 or MP3).", 415);
  }
  const body = await readCapped(
    request,
    multipart ? maxBytes + RECORDING_ENVELOPE_BYTES : maxBytes,
  );
  const tooLarge = refuse(
    `The recording is larger than ${Math.floor(maxBytes / (1024 * 1024))} MB.`,
    413,
  );
  if (body === "too-large") return tooLarge;

  let audio: Uint8Array = body;
  let declared = contentType;
  let declaredMs: string | null = request.headers.get("X-Recording-Duration-Ms");
  if (multipart) {
    const form = await new Response(body, { headers: { "Content-Type": contentType } })
      .formData()
      .catch(() => null);
    const file = form?.get("audio");
    if (!form || !(file instanceof Blob))
      return refuse("Send the recording as a file named “audio”.", 400);
    audio = new Uint8Array(await file.arrayBuffer());
    declared = file.type;
    const field = form.get("durationMs");
    if (typeof field === "string") declaredMs = field;
    if (audio.byteLength > maxBytes) return tooLarge;
  }
  if (audio.byteLength === 0) return refuse("The recording is empty: nothing was heard.", 400);
  const format = sniffFormat(audio);
  if (format === null || format !== declaredFormat(declared)) {
    return refuse("That is not an audio recording (WebM, Ogg, WAV, MP4 or MP3).", 415);
  }

  // The length: as the recorder measured it, or as a WAV header says; never longer than the answer's clock.
  const wavSeconds = wavDurationSeconds(audio);
  const durationMs =
    wavSeconds !== null ? Math.round(wavSeconds * 1000) : parseDuration(declaredMs);
  const longest = answer.secondsAllowed * 1000 + GRACE_MS + DURATION_SLACK_MS;
  const sinceStart = now.getTime() - answer.startedAt.getTime() + DURATION_SLACK_MS;
  if (durationMs !== null && durationMs > Math.min(longest, sinceStart)) {
    return refuse("The recording is longer than the time this answer has been open.", 422);
  }

  // Saved before anything else: whatever the transcription does, the audio is kept.
  const saved = saveRecording(
    answer.id,
    { audio, mimeType: storedMimeType(format, declared), durationMs },
    now,
  );
  const info =
    saved.status === "transcribing"
      ? ((await transcribeRecording(answer.id, { claim: false })) ?? saved)
      : saved;
  return json(recordingView(info, base, new Date()), 201);
}

function parseDuration(value: string | null): number | null {
  if (value === null || !/^\d{1,9}(\.\d+)?$/.test(value.trim())) return null;
  return Math.round(Number(value));
}

/**
 * The request body, refused past `limit` bytes without reading the rest.
 * server.js already cuts bodies off at the path's limit (body-limit.server.ts);
 * this holds when the route is called some other way (tests, another adapter).
 */
async function readCapped(
  request: Request,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | "too-large"> {
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (Number.isFinite(declared) && declared > limit) return "too-large";
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return "too-large";
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}
