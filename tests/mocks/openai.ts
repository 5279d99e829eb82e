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
  /** The JSON schema the app asked for (the response format, or the one in the prompt in JSON mode). */
  schema: JsonSchema | null;
  /** Each criterion's section of the rubric in the prompt (description, key points, anchors), by id. */
  rubricText: Record<string, string>;
  /** Which of the `n` choices is being written (0 unless the request asked for several). */
  sample: number;
  /** The request carries a correction turn: the app rejected an earlier reply. */
  correction: string | null;
}

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minItems?: number;
}

export interface ChatRequestBody {
  model: string;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; schema: unknown } };
  temperature?: number;
  max_tokens?: number;
  n?: number;
}

type Reply = (context: MockContext) => unknown;

interface MockState {
  queue: OpenAiFault[];
  always: OpenAiFault | null;
  reply: Reply | null;
  chunkSize: number;
  chunkDelayMs: number;
  latencyMs: number;
  honourN: boolean;
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
  honourN: true,
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
  configure(options: {
    chunkSize?: number;
    chunkDelayMs?: number;
    latencyMs?: number;
    /** Whether a request's `n` gets that many choices (default) or one. */
    honourN?: boolean;
  }) {
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

function schemaOf(body: ChatRequestBody): JsonSchema | null {
  const sent = body.response_format?.json_schema?.schema;
  if (sent) return sent as JsonSchema;
  const system = body.messages.find((m) => m.role === "system")?.content ?? "";
  const at = system.indexOf("JSON Schema:\n");
  if (at === -1) return null;
  try {
    return JSON.parse(
      system.slice(at + "JSON Schema:\n".length).split("\n")[0] ?? "",
    ) as JsonSchema;
  } catch {
    return null;
  }
}

export function readContext(body: ChatRequestBody, sample = 0): MockContext {
  const userMessages = body.messages.filter((m) => m.role === "user").map((m) => m.content);
  const user = userMessages.join("\n");
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
  const rubricText: Record<string, string> = {};
  const first = userMessages[0] ?? "";
  const headings = [...first.matchAll(CRITERION_HEADING)];
  headings.forEach((m, i) => {
    const end = headings[i + 1]?.index ?? first.indexOf("\n## ", m.index);
    rubricText[m[1] ?? ""] = first.slice(m.index, end === -1 ? undefined : end);
  });
  return {
    criteria,
    kind: /^Kind: (\w+)/m.exec(user)?.[1] ?? "concept",
    answer,
    sentences,
    mode: type === "json_schema" ? "json_schema" : type === "json_object" ? "json_object" : "text",
    body,
    schema: schemaOf(body),
    rubricText,
    sample,
    correction: userMessages.length > 1 ? (userMessages.at(-1) ?? null) : null,
  };
}

const WORD = /[a-z][a-z0-9-]{2,}/g;
const STOP = new Set([
  "the",
  "and",
  "for",
  "with",
  "that",
  "this",
  "are",
  "not",
  "can",
  "its",
  "what",
  "why",
  "how",
  "when",
  "answer",
  "explains",
  "each",
  "these",
  "means",
  "matters",
  "concrete",
  "example",
  "trade-off",
  "states",
  "misconception",
  "criterion",
  "key",
  "point",
  "points",
  "score",
  "anchors",
  "between",
  "names",
  "them",
  "without",
  "saying",
  "about",
  "nothing",
  "only",
  "generalities",
  "buzzwords",
  "looks",
  "like",
  "weight",
  "interviewer",
  "listens",
  "cost",
  "fact",
]);
const wordsOf = (text: string) =>
  new Set(
    (text.toLowerCase().match(WORD) ?? []).filter((w) => !STOP.has(w)).map((w) => w.slice(0, 5)),
  );

/** A criterion's own rubric text in the prompt: heading, description, key points, misconceptions (not the anchors). */
const topicOf = (context: MockContext, id: string) =>
  wordsOf((context.rubricText[id] ?? id.replace(/-/g, " ")).split("Score anchors:")[0] ?? "");

/**
 * The answer's sentences about a criterion, best first (a model's reading):
 * those sharing words with its rubric text, and no fewer with it than with
 * any other criterion's.
 */
export function sentencesFor(context: MockContext, criterionId: string, count = 1): string[] {
  const ids = Object.keys(context.rubricText);
  const topics = new Map(ids.map((id) => [id, topicOf(context, id)]));
  const topic = topics.get(criterionId) ?? topicOf(context, criterionId);
  const overlap = (sentence: string, words: Set<string>) =>
    [...wordsOf(sentence)].filter((w) => words.has(w)).length;
  return context.sentences
    .map((sentence, i) => ({
      sentence,
      i,
      own: overlap(sentence, topic),
      best: Math.max(0, ...[...topics.values()].map((words) => overlap(sentence, words))),
    }))
    .filter((s) => s.own > 0 && s.own >= s.best)
    .sort((a, b) => b.own - a.own || a.i - b.i)
    .slice(0, count)
    .map((s) => s.sentence);
}

/** The criterion ids the app's schema requires, in its order (the rubric's, when no schema was sent). */
export function schemaCriterionIds(context: MockContext): string[] {
  const properties = context.schema?.properties?.criteria?.properties;
  return properties ? Object.keys(properties) : context.criteria.map((c) => c.id);
}

/**
 * The smallest instance of a JSON schema: every required property, empty
 * arrays (or minItems copies), the minimum of a number, the first enum value,
 * null where allowed, "" for strings. What a server decoding to the schema may
 * legally return.
 */
export function minimalInstance(schema: JsonSchema): unknown {
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) {
    const nullable = schema.anyOf.find((s) => s.type === "null");
    return nullable ? null : minimalInstance(schema.anyOf[0] ?? {});
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes("null")) return null;
  if (types.includes("object")) {
    const out: Record<string, unknown> = {};
    for (const key of schema.required ?? Object.keys(schema.properties ?? {})) {
      out[key] = minimalInstance(schema.properties?.[key] ?? {});
    }
    return out;
  }
  if (types.includes("array")) {
    return Array.from({ length: schema.minItems ?? 0 }, () => minimalInstance(schema.items ?? {}));
  }
  if (types.includes("integer") || types.includes("number")) return schema.minimum ?? 0;
  if (types.includes("boolean")) return false;
  return "";
}

const SCORES = [4, 3, 5, 2, 4, 3];

export interface MockCriterionReply {
  evidence: string[];
  rationale: string;
  score: number;
}

/**
 * A reply in the shape the app's schema asks for: `criteria` keyed by the
 * schema's criterion ids, each filled in by `fill`, plus feedback and probes.
 */
export function replyFromSchema(
  context: MockContext,
  fill: (id: string, index: number) => MockCriterionReply,
) {
  const ids = schemaCriterionIds(context);
  const criteria: Record<string, MockCriterionReply> = {};
  ids.forEach((id, i) => {
    criteria[id] = fill(id, i);
  });
  const weakest = [...ids].sort((a, b) => (criteria[a]?.score ?? 0) - (criteria[b]?.score ?? 0))[0];
  const weakestName = context.criteria.find((c) => c.id === weakest)?.name ?? "the weakest area";
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
        criterionId: weakest ?? null,
      },
      {
        question:
          "What would you measure to know this design works, and what number would worry you?",
        criterionId: null,
      },
    ],
  };
}

/** A plausible grade for any rubric: varied scores, each backed by the answer's most relevant sentence, probes at the weakest criterion. */
export function goodGrade(context: MockContext) {
  return replyFromSchema(context, (id, i) => {
    const name = context.criteria.find((c) => c.id === id)?.name ?? id;
    const evidence = sentencesFor(context, id);
    return {
      evidence,
      rationale: `The answer addresses ${name.toLowerCase()} with some explanation, but leaves gaps an interviewer would probe.`,
      // A careful model: with no sentence on the criterion, nothing above 2.
      score:
        evidence.length > 0
          ? (SCORES[i % SCORES.length] ?? 3)
          : Math.min(2, SCORES[i % SCORES.length] ?? 2),
    };
  });
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
  /** Choices after the first (`n` > 1), streamed interleaved with it. */
  extra?: string[];
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
  (plan.extra ?? []).forEach((extra, i) => {
    for (let at = 0; at < extra.length; at += state.chunkSize) {
      events.push(
        chunk([
          {
            index: i + 1,
            delta: { content: extra.slice(at, at + state.chunkSize) },
            logprobs: null,
            finish_reason: null,
          },
        ]),
      );
    }
    events.push(chunk([{ index: i + 1, delta: {}, logprobs: null, finish_reason: "stop" }]));
  });
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

/** Servers that ignore `n` (Ollama, llama.cpp) send one choice; set with configure({ honourN: false }). */
function choiceCount(body: ChatRequestBody): number {
  return state.honourN && body.n && body.n > 1 ? Math.min(body.n, 8) : 1;
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
      extra: Array.from({ length: choiceCount(body) - 1 }, (_, i) =>
        replyContent(readContext(body, i + 1)),
      ),
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
          criteria: Object.fromEntries(
            schemaCriterionIds(context).map((id) => [id, { evidence: [], score: "four" }]),
          ),
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
