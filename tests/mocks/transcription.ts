import { delay, http, HttpResponse } from "msw";

/**
 * The OpenAI transcription API (`POST /v1/audio/transcriptions`, multipart) as
 * msw handlers, answering in the shape asked for: `verbose_json` with
 * segments by default, `json` or `text` when the request says so. Faults are
 * switched on per test with `transcriptionMock.failNext(...)` or `failAlways(...)`;
 * they apply to the model list (`GET /v1/models`, the settings page's check) too.
 */

export type TranscriptionFault =
  | { type: "server-error"; status?: 500 | 502 | 503 }
  /** The connection fails before any response. */
  | { type: "network-error" }
  /** The server never answers: beyond any timeout. */
  | { type: "hang" }
  /** A JSON content type with a body that is not JSON. */
  | { type: "malformed-json" }
  /** Valid JSON with no transcript in it. */
  | { type: "no-text" }
  /** A server that ignores response_format and answers `json` ({ text } only). */
  | { type: "plain-json" }
  /** A server that answers plain text. */
  | { type: "plain-text" }
  | { type: "not-found" };

export type TranscriptionFaultType = TranscriptionFault["type"];

export interface TranscriptionRequest {
  model: string;
  responseFormat: string | null;
  fileName: string;
  fileType: string;
  fileBytes: number;
  authorization: string | null;
}

export interface VerboseReply {
  text: string;
  duration: number;
  segments: { start: number; end: number; text: string }[];
}

/** Three segments, a 2.5 s pause between the second and third, and some fillers and a hedge to count. */
export const MOCK_TRANSCRIPT: VerboseReply = {
  text: "So, um, REST models the domain as resources. You know, each one has its own URI. It was, like, kind of slow until we added caching with ETags.",
  duration: 15.2,
  segments: [
    { start: 0, end: 4.2, text: " So, um, REST models the domain as resources." },
    { start: 4.6, end: 8, text: " You know, each one has its own URI." },
    {
      start: 10.5,
      end: 15,
      text: " It was, like, kind of slow until we added caching with ETags.",
    },
  ],
};

/** The model the mocked server lists (the app's default). */
export const MOCK_TRANSCRIPTION_MODEL = "whisper-1";

interface State {
  queue: TranscriptionFault[];
  always: TranscriptionFault | null;
  reply: VerboseReply;
  requests: TranscriptionRequest[];
  /** Model list requests: the Authorization header each carried. */
  modelListRequests: (string | null)[];
}

const initialState = (): State => ({
  queue: [],
  always: null,
  reply: MOCK_TRANSCRIPT,
  requests: [],
  modelListRequests: [],
});
let state = initialState();

const asFault = (fault: TranscriptionFault | TranscriptionFaultType): TranscriptionFault =>
  typeof fault === "string" ? ({ type: fault } as TranscriptionFault) : fault;

export const transcriptionMock = {
  failNext(fault: TranscriptionFault | TranscriptionFaultType, times = 1) {
    for (let i = 0; i < times; i++) state.queue.push(asFault(fault));
  },
  failAlways(fault: TranscriptionFault | TranscriptionFaultType) {
    state.always = asFault(fault);
  },
  reply(reply: VerboseReply) {
    state.reply = reply;
  },
  get requests(): readonly TranscriptionRequest[] {
    return state.requests;
  },
  get modelListRequests(): readonly (string | null)[] {
    return state.modelListRequests;
  },
  reset() {
    state = initialState();
  },
};

const apiError = (status: number, message: string) =>
  HttpResponse.json(
    { error: { message, type: "server_error", param: null, code: null } },
    { status },
  );

export const transcriptionHandlers = [
  // The settings page's "Check connection": the model list, with the same faults switched on per test.
  http.get("*/models", async ({ request }) => {
    state.modelListRequests.push(request.headers.get("authorization"));
    const fault = state.queue.shift() ?? state.always;
    switch (fault?.type) {
      case "server-error":
        return apiError(
          fault.status ?? 500,
          "The server had an error while processing your request.",
        );
      case "not-found":
        return apiError(404, "Not found");
      case "network-error":
        return HttpResponse.error();
      case "hang":
        await delay("infinite");
        return HttpResponse.error();
      case "malformed-json":
        return new HttpResponse(`{"object": "list", "data": [`, {
          headers: { "Content-Type": "application/json" },
        });
      default:
        return HttpResponse.json({
          object: "list",
          data: [{ id: MOCK_TRANSCRIPTION_MODEL, object: "model", created: 0, owned_by: "mock" }],
        });
    }
  }),
  http.post("*/audio/transcriptions", async ({ request }) => {
    const form = await request.formData();
    const file = form.get("file");
    const responseFormat = form.get("response_format");
    state.requests.push({
      model: String(form.get("model")),
      responseFormat: typeof responseFormat === "string" ? responseFormat : null,
      fileName: file instanceof File ? file.name : "",
      fileType: file instanceof File ? file.type : "",
      fileBytes: file instanceof Blob ? file.size : 0,
      authorization: request.headers.get("authorization"),
    });
    const fault = state.queue.shift() ?? state.always;
    const { reply } = state;
    switch (fault?.type) {
      case "server-error":
        return apiError(
          fault.status ?? 500,
          "The server had an error while processing your request.",
        );
      case "not-found":
        return apiError(404, "Not found");
      case "network-error":
        return HttpResponse.error();
      case "hang":
        await delay("infinite");
        return HttpResponse.error();
      case "malformed-json":
        return new HttpResponse(`{"text": "${reply.text.slice(0, 20)}`, {
          headers: { "Content-Type": "application/json" },
        });
      case "no-text":
        return HttpResponse.json({ segments: [] });
      case "plain-json":
        return HttpResponse.json({ text: reply.text });
      case "plain-text":
        return HttpResponse.text(reply.text);
      default:
        if (responseFormat === "text") return HttpResponse.text(reply.text);
        if (responseFormat === "json" || responseFormat === null)
          return HttpResponse.json({ text: reply.text });
        return HttpResponse.json({
          task: "transcribe",
          language: "english",
          duration: reply.duration,
          text: reply.text,
          segments: reply.segments.map((s, id) => ({
            id,
            seek: 0,
            start: s.start,
            end: s.end,
            text: s.text,
            tokens: [],
            temperature: 0,
            avg_logprob: -0.2,
            compression_ratio: 1.4,
            no_speech_prob: 0.01,
          })),
        });
    }
  }),
];
