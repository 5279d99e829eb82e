import { delay, http, HttpResponse } from "msw";

/**
 * The OpenAI chat-completions API as msw handlers, following the real shapes:
 * JSON completions, and streamed SSE chunks (`data: {chunk}` lines, a usage
 * chunk when `stream_options.include_usage` is set, then `data: [DONE]`).
 * By default the "model" returns a good grade built from the rubric in the
 * request, so it works for any question. Faults are switched on per test with
 * `openAiMock.failNext(...)` or `openAiMock.failAlways(...)`.
 */

export const MOCK_OPENAI_BASE_URL = "http://mock-llm.test/v1";
export const MOCK_MODEL_VERSION = "gpt-4o-mini-2024-07-18";

export type OpenAiFault =
  /** 429 with Retry-After (seconds or an HTTP date) and/or retry-after-ms. */
  | { type: "rate-limit"; retryAfter?: string; retryAfterMs?: string }
  | { type: "server-error"; status?: 500 | 502 | 503 | 504 }
  /** The connection fails before any response. */
  | { type: "network-error" }
  /** The server never answers: beyond any timeout. */
  | { type: "hang" }
  /** Headers and half the reply arrive, then nothing more: a timeout mid-stream. */
  | { type: "stall-mid-stream" }
  | { type: "malformed-json" }
  /** Valid JSON that breaks the grade schema. */
  | { type: "schema-breaking" }
  | { type: "refusal"; message?: string }
  /** Half the reply, then the stream closes without a finish_reason or [DONE]. */
  | { type: "stream-cut" }
  /** Half the reply, then the connection errors. */
  | { type: "stream-reset" }
  /** The reply hits max_tokens (finish_reason "length"). */
  | { type: "length" }
  /** 400 for `response_format: json_schema`, as servers without structured outputs answer; JSON mode works. */
  | { type: "json-schema-rejected" }
  | { type: "unauthorized" };

export type OpenAiFaultType = OpenAiFault["type"];

export interface MockCriterion {
  id: string;
  name: string;
  weight: number;
}

/** What the mocked model "read" in the request. */
export interface MockContext {
  criteria: MockCriterion[];
  kind: string;
  answer: string;
  sentences: string[];
  mode: "json_schema" | "json_object" | "text";
  body: ChatRequestBody;
}

export interface ChatRequestBody {
  model: string;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; schema: unknown } };
  temperature?: number;
  max_tokens?: number;
}

type Reply = (context: MockContext) => unknown;

interface MockState {
  queue: OpenAiFault[];
  always: OpenAiFault | null;
  reply: Reply | null;
  chunkSize: number;
  chunkDelayMs: number;
  latencyMs: number;
  requests: ChatRequestBody[];
  authorizations: (string | null)[];
}

const initialState = (): MockState => ({
  queue: [],
  always: null,
  reply: null,
  chunkSize: 24,
  chunkDelayMs: 0,
  latencyMs: 0,
  requests: [],
  authorizations: [],
});

let state = initialState();
const asFault = (fault: OpenAiFault | OpenAiFaultType): OpenAiFault =>
  typeof fault === "string" ? ({ type: fault } as OpenAiFault) : fault;

export const openAiMock = {
  /** The next `times` requests fail this way, then the mock answers normally. */
  failNext(fault: OpenAiFault | OpenAiFaultType, times = 1) {
    for (let i = 0; i < times; i++) state.queue.push(asFault(fault));
  },
  /** Every request fails this way (after any queued faults). */
  failAlways(fault: OpenAiFault | OpenAiFaultType) {
    state.always = asFault(fault);
  },
  /** Replaces the good grade: return an object (sent as JSON) or a string (sent as is). */
  reply(reply: Reply) {
    state.reply = reply;
  },
  configure(options: { chunkSize?: number; chunkDelayMs?: number; latencyMs?: number }) {
    Object.assign(state, options);
  },
  /** Request bodies received, oldest first. */
  get requests(): readonly ChatRequestBody[] {
    return state.requests;
  },
  /** The Authorization header of each request, oldest first. */
  get authorizations(): readonly (string | null)[] {
    return state.authorizations;
  },
  reset() {
    state = initialState();
  },
};

const CRITERION_HEADING = /^### Criterion `([a-z0-9-]+)`: (.+) \(weight ([\d.]+)\)$/gm;
const ANSWER = /<candidate_answer_([0-9a-f]+)>\n?([\s\S]*?)\n?<\/candidate_answer_\1>/;

export function readContext(body: ChatRequestBody): MockContext {
  const user = body.messages
    .filter((m) => m.role === "user")
    .map((m) => m.content)
    .join("\n");
  const criteria = [...user.matchAll(CRITERION_HEADING)].map((m) => ({
    id: m[1] ?? "",
    name: m[2] ?? "",
    weight: Number(m[3]),
  }));
  const answer = ANSWER.exec(user)?.[2] ?? "";
  const sentences = answer
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const type = body.response_format?.type;
  return {
    criteria,
    kind: /^Kind: (\w+)/m.exec(user)?.[1] ?? "concept",
    answer,
    sentences,
    mode: type === "json_schema" ? "json_schema" : type === "json_object" ? "json_object" : "text",
    body,
  };
}

const SCORES = [4, 3, 5, 2, 4, 3];

/** A plausible grade for any rubric: varied scores, evidence quoted from the answer, probes at the weakest criterion. */
export function goodGrade(context: MockContext) {
  const criteria = context.criteria.map((c, i) => ({
    criterionId: c.id,
    score: SCORES[i % SCORES.length] ?? 3,
    evidence:
      context.sentences.length > 0
        ? (context.sentences[i % context.sentences.length] ?? null)
        : null,
    rationale: `The answer addresses ${c.name.toLowerCase()} with some explanation, but leaves gaps an interviewer would probe.`,
  }));
  const weakest = [...criteria].sort((a, b) => a.score - b.score)[0];
  const weakestName =
    context.criteria.find((c) => c.id === weakest?.criterionId)?.name ?? "the weakest area";
  return {
    criteria,
    strengths: [
      "Anchors the explanation in a concrete example.",
      "Names a real trade-off rather than only definitions.",
    ],
    improvements: [
      `Go deeper on ${weakestName.toLowerCase()}: explain why, not only what.`,
      "Close with a number you could defend.",
    ],
    star:
      context.kind === "behavioural"
        ? { present: ["situation", "action"], missing: ["task", "result"] }
        : null,
    probes: [
      {
        question: `Walk me through a case where ${weakestName.toLowerCase()} went wrong in production. What did you change?`,
        criterionId: weakest?.criterionId ?? null,
      },
      {
        question:
          "What would you measure to know this design works, and what number would worry you?",
        criterionId: null,
      },
    ],
  };
}

const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function completionBase(body: ChatRequestBody) {
  return {
    id: `chatcmpl-mock${Math.random().toString(36).slice(2, 12)}`,
    created: Math.floor(Date.now() / 1000),
    model: body.model === "gpt-4o-mini" ? MOCK_MODEL_VERSION : body.model,
    system_fingerprint: "fp_mock",
  };
}

function usageFor(body: ChatRequestBody, output: string) {
  const promptTokens = tokens(body.messages.map((m) => m.content).join("\n"));
  const completionTokens = tokens(output);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

function apiError(
  status: number,
  message: string,
  type: string,
  extra: { code?: string | null; param?: string | null; headers?: Record<string, string> } = {},
) {
  return HttpResponse.json(
    { error: { message, type, param: extra.param ?? null, code: extra.code ?? null } },
    { status, headers: extra.headers },
  );
}

interface StreamPlan {
  content: string | null;
  refusal: string | null;
  finishReason: "stop" | "length";
  /** Stop after this share of the pieces: close quietly, error, or hang. */
  cut?: { after: number; how: "close" | "error" | "hang" };
}

function sseResponse(body: ChatRequestBody, plan: StreamPlan) {
  const base = completionBase(body);
  const includeUsage = body.stream_options?.include_usage === true;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices, ...(includeUsage ? { usage: null } : {}), ...extra })}\n\n`;
  const text = plan.content ?? plan.refusal ?? "";
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += state.chunkSize)
    pieces.push(text.slice(i, i + state.chunkSize));
  const field = plan.content !== null ? "content" : "refusal";
  const first = { role: "assistant", content: plan.content !== null ? "" : null, refusal: null };
  const encoder = new TextEncoder();
  const { chunkDelayMs } = state;

  const stopAt = plan.cut ? Math.max(1, Math.floor(pieces.length * plan.cut.after)) : pieces.length;
  const events: (string | "close" | "error" | "hang")[] = [
    chunk([{ index: 0, delta: first, logprobs: null, finish_reason: null }]),
    ...pieces
      .slice(0, stopAt)
      .map((piece) =>
        chunk([{ index: 0, delta: { [field]: piece }, logprobs: null, finish_reason: null }]),
      ),
  ];
  if (plan.cut) {
    events.push(plan.cut.how);
  } else {
    events.push(chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: plan.finishReason }]));
    if (includeUsage) events.push(chunk([], { usage: usageFor(body, text) }));
    events.push("data: [DONE]\n\n", "close");
  }

  // Pull-based with no buffer: each event is produced when the client reads, so a
  // connection error after half the reply really comes after the client saw that half.
  let next = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const event = events[next++];
        if (event === undefined || event === "close") return controller.close();
        if (event === "error")
          return controller.error(new TypeError("terminated: other side closed"));
        if (event === "hang") return new Promise<void>(() => {});
        if (chunkDelayMs > 0 && next > 1) await delay(chunkDelayMs);
        controller.enqueue(encoder.encode(event));
      },
    },
    { highWaterMark: 0 },
  );
  return new HttpResponse(stream, {
    headers: {
      "Content-Type": "text/event-stream",
      "Cache-Control": "no-cache",
      Connection: "keep-alive",
    },
  });
}

function jsonResponse(body: ChatRequestBody, plan: StreamPlan) {
  const text = plan.content ?? plan.refusal ?? "";
  return HttpResponse.json({
    ...completionBase(body),
    object: "chat.completion",
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: plan.content,
          refusal: plan.refusal,
          annotations: [],
        },
        logprobs: null,
        finish_reason: plan.finishReason,
      },
    ],
    usage: usageFor(body, text),
  });
}

function replyContent(context: MockContext): string {
  const value = state.reply ? state.reply(context) : goodGrade(context);
  return typeof value === "string" ? value : JSON.stringify(value);
}

function nextFault(body: ChatRequestBody): OpenAiFault | null {
  const fault = state.queue.shift() ?? state.always;
  if (fault?.type === "json-schema-rejected" && body.response_format?.type !== "json_schema")
    return null;
  return fault ?? null;
}

export const openAiHandlers = [
  http.post("*/chat/completions", async ({ request }) => {
    const body = (await request.json()) as ChatRequestBody;
    state.requests.push(body);
    state.authorizations.push(request.headers.get("authorization"));
    if (state.latencyMs > 0) await delay(state.latencyMs);
    const fault = nextFault(body);
    const context = readContext(body);
    const plan: StreamPlan = {
      content: replyContent(context),
      refusal: null,
      finishReason: "stop",
    };

    switch (fault?.type) {
      case "rate-limit": {
        const headers: Record<string, string> = {};
        if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter;
        if (fault.retryAfterMs !== undefined) headers["retry-after-ms"] = fault.retryAfterMs;
        return apiError(
          429,
          "Rate limit reached for requests. Please try again later.",
          "requests",
          { code: "rate_limit_exceeded", headers },
        );
      }
      case "server-error": {
        const status = fault.status ?? 500;
        return apiError(
          status,
          status === 503
            ? "The engine is currently overloaded, please try again later."
            : "The server had an error while processing your request.",
          "server_error",
        );
      }
      case "unauthorized":
        return apiError(401, "Incorrect API key provided.", "invalid_request_error", {
          code: "invalid_api_key",
        });
      case "json-schema-rejected":
        return apiError(
          400,
          "response_format of type 'json_schema' is not supported by this server",
          "invalid_request_error",
          { param: "response_format" },
        );
      case "network-error":
        return HttpResponse.error();
      case "hang":
        await delay("infinite");
        return HttpResponse.error();
      case "malformed-json":
        plan.content = plan.content?.replace('"strengths":', '"strengths" ') ?? null;
        break;
      case "schema-breaking":
        plan.content = JSON.stringify({
          criteria: context.criteria.map((c) => ({
            criterionId: c.id,
            score: "four",
            evidence: null,
          })),
          strengths: "Clear.",
        });
        break;
      case "refusal":
        plan.content = null;
        plan.refusal = fault.message ?? "I'm sorry, I can't help with that request.";
        break;
      case "length":
        plan.content = plan.content?.slice(0, Math.floor((plan.content?.length ?? 0) / 2)) ?? null;
        plan.finishReason = "length";
        break;
      case "stream-cut":
        plan.cut = { after: 0.5, how: "close" };
        break;
      case "stream-reset":
        plan.cut = { after: 0.5, how: "error" };
        break;
      case "stall-mid-stream":
        plan.cut = { after: 0.5, how: "hang" };
        break;
    }
    return body.stream ? sseResponse(body, plan) : jsonResponse(body, plan);
  }),
];
