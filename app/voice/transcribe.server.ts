import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, toFile } from "openai";
import { getEnv, type Env } from "~/env.server";
import { z } from "~/utils/zod";
import { AUDIO_FORMATS, declaredFormat } from "./audio-format";
import type { TranscriptSegment } from "./delivery";

/**
 * Speech to text through any OpenAI-compatible transcription server (OpenAI,
 * speaches / faster-whisper-server, whisper.cpp's server, LocalAI), with the
 * SDK's `audio.transcriptions.create`. Asks for `verbose_json` (segments give
 * speaking time and pauses) and also takes a plain `json` or text reply.
 * Never throws: a failure comes back as a sentence for the page, and the
 * recording it was made from is kept by the caller.
 */

/** Local servers ignore the key, but the SDK wants one. */
const PLACEHOLDER_API_KEY = "not-needed-for-a-local-server";

/**
 * Looked up per call, so a fetch patched later (the test mocks) is still the one used. `Response` is
 * attached because the SDK otherwise probes a custom fetch's FormData support by fetching `data:,`.
 */
const lateFetch = Object.assign(
  (input: string | URL | Request, init?: RequestInit) => globalThis.fetch(input, init),
  {
    Response,
  },
);

export interface TranscriptionSettings {
  configured: boolean;
  baseURL: string;
  apiKey: string;
  model: string;
  /** Host and path, for the page: never the key. */
  server: string;
}

/**
 * TRANSCRIBE_* first, else the LLM grader's OpenAI settings. A key is only
 * ever sent to the server it was given for: with TRANSCRIBE_BASE_URL set,
 * OPENAI_API_KEY is not used.
 */
export function transcriptionSettings(env: Env = getEnv()): TranscriptionSettings {
  const own = Boolean(env.TRANSCRIBE_BASE_URL || env.TRANSCRIBE_API_KEY);
  const baseURL = own
    ? (env.TRANSCRIBE_BASE_URL ?? "https://api.openai.com/v1")
    : (env.OPENAI_BASE_URL ?? "https://api.openai.com/v1");
  const apiKey = own ? env.TRANSCRIBE_API_KEY : (env.TRANSCRIBE_API_KEY ?? env.OPENAI_API_KEY);
  const url = new URL(baseURL);
  return {
    configured: own || Boolean(env.OPENAI_API_KEY || env.OPENAI_BASE_URL || env.MOCKS),
    baseURL,
    apiKey: apiKey ?? PLACEHOLDER_API_KEY,
    model: env.TRANSCRIBE_MODEL,
    server: `${url.host}${url.pathname.replace(/\/$/, "")}`,
  };
}

/** What a settings page may show about transcription: never the key, never credentials in the URL. */
export function describeTranscription(env: Env = getEnv()): {
  configured: boolean;
  model: string;
  server: string;
  mocked: boolean;
} {
  const { configured, model, server } = transcriptionSettings(env);
  return { configured, model, server, mocked: env.MOCKS };
}

/** A client for the transcription server, made per call (so the test mocks' fetch is the one used). */
export function transcriptionClient(settings: TranscriptionSettings, timeoutMs: number): OpenAI {
  return new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    timeout: timeoutMs,
    // The user decides whether to try again ("Try again" on the page), and waits for nothing meanwhile.
    maxRetries: 0,
    fetch: lateFetch,
  });
}

export function isTranscriptionConfigured(env: Env = getEnv()): boolean {
  return transcriptionSettings(env).configured;
}

export type TranscriptionResult =
  | {
      ok: true;
      transcript: string;
      /** Null when the server gave none (a `json` or text reply). */
      segments: TranscriptSegment[] | null;
      durationSeconds: number | null;
      /** "model @ server", stored with the transcript. */
      by: string;
    }
  | { ok: false; reason: string };

/** verbose_json as OpenAI documents it; servers differ in the extras, so only what is used is required. */
const replySchema = z.object({
  text: z.string(),
  duration: z.coerce.number().nonnegative().optional().catch(undefined),
  segments: z
    .array(z.object({ start: z.coerce.number(), end: z.coerce.number(), text: z.string() }))
    .optional()
    .catch(undefined),
});

export async function transcribe(
  audio: Uint8Array,
  mimeType: string,
  env: Env = getEnv(),
): Promise<TranscriptionResult> {
  const settings = transcriptionSettings(env);
  if (!settings.configured) return { ok: false, reason: "No transcription server is configured." };
  const client = transcriptionClient(settings, env.TRANSCRIBE_TIMEOUT_MS);
  const format = declaredFormat(mimeType) ?? "webm";
  const { extension } = AUDIO_FORMATS[format];
  try {
    const file = await toFile(audio, `answer.${extension}`, { type: mimeType.split(";")[0] });
    const reply: unknown = await client.audio.transcriptions.create({
      file,
      model: settings.model,
      response_format: "verbose_json",
    });
    return readReply(reply, `${settings.model} @ ${settings.server}`);
  } catch (error) {
    return { ok: false, reason: describeFailure(error, env.TRANSCRIBE_TIMEOUT_MS, settings) };
  }
}

/** A verbose_json or json object, or a text reply (servers that ignore response_format, or send JSON as text). */
export function readReply(reply: unknown, by: string): TranscriptionResult {
  let value = reply;
  if (typeof value === "string") {
    const text = value.trim();
    if (!text.startsWith("{"))
      return { ok: true, transcript: text, segments: null, durationSeconds: null, by };
    try {
      value = JSON.parse(text);
    } catch {
      return {
        ok: false,
        reason: "The transcription server's reply could not be read (broken JSON).",
      };
    }
  }
  const parsed = replySchema.safeParse(value);
  if (!parsed.success)
    return { ok: false, reason: "The transcription server's reply had no transcript in it." };
  const { text, duration, segments } = parsed.data;
  return {
    ok: true,
    transcript: text.trim(),
    segments: segments && segments.length > 0 ? segments : null,
    durationSeconds: duration ?? null,
    by,
  };
}

function describeFailure(
  error: unknown,
  timeoutMs: number,
  { server, model }: TranscriptionSettings,
): string {
  if (error instanceof APIConnectionTimeoutError) {
    return `The transcription server did not answer within ${Math.round(timeoutMs / 1000)} seconds.`;
  }
  if (error instanceof APIConnectionError)
    return `The transcription server (${server}) could not be reached.`;
  if (error instanceof APIError && error.status !== undefined) {
    if (error.status === 401 || error.status === 403)
      return `The transcription server refused the key (${error.status}).`;
    if (error.status === 404) {
      return `The transcription server answered 404: it may not offer /audio/transcriptions, or the model "${model}" is not there.`;
    }
    if (error.status === 413)
      return "The transcription server refused the recording as too large (413).";
    if (error.status === 429) return "The transcription server is busy or over its limit (429).";
    return `The transcription server failed (${error.status}).`;
  }
  if (error instanceof SyntaxError)
    return "The transcription server's reply could not be read (broken JSON).";
  return "The transcription failed for a reason the server did not give.";
}
