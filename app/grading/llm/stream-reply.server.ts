import type OpenAI from "openai";
import { APIConnectionError, APIError, APIUserAbortError } from "openai";
import type { ChatCompletionCreateParamsBase } from "openai/resources/chat/completions";
import { abortedError, LlmGradeError, timeoutError } from "./llm-grade-error";
import { findReplyTooLarge } from "./openai-client.server";

/**
 * One streamed chat completion: the reply text as it arrives, then the whole
 * of it with the model name and token usage. Failures of the reply itself
 * (timeout, refusal, cut stream, token limit) become LlmGradeErrors, which are
 * not retried; transport failures (HTTP status, connection) are thrown as the
 * SDK's errors for the retry policy to judge.
 */

export interface StreamedReply {
  /** The first choice's text. */
  content: string;
  /** With `n` > 1, every choice the server sent that finished normally, the first one first. */
  samples: string[];
  model: string | null;
  tokensIn: number | null;
  tokensOut: number | null;
}

export type StreamParams = Omit<ChatCompletionCreateParamsBase, "stream">;

export async function streamReply(
  client: OpenAI,
  params: StreamParams,
  options: { timeoutMs: number; signal?: AbortSignal; onContent: (piece: string) => void },
): Promise<StreamedReply> {
  const { timeoutMs, signal, onContent } = options;
  // The SDK's timeout stops at the response headers; this deadline covers the whole stream.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const reply: StreamedReply = {
    content: "",
    samples: [],
    model: null,
    tokensIn: null,
    tokensOut: null,
  };
  // Choices past the first (`n` > 1): their text and how they ended; they are not previewed.
  const others = new Map<number, { text: string; finish: string | null }>();
  let refusal = "";
  let finishReason: string | null = null;
  let sawOutput = false;
  const stop = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
  // A body that stops sending does not always end the read when the request is
  // aborted (it depends on the fetch underneath), so the wait itself races the abort.
  let onStop = () => {};
  const stopped = new Promise<never>((_resolve, reject) => {
    onStop = () => reject(new APIUserAbortError());
    stop.addEventListener("abort", onStop, { once: true });
  });

  try {
    const stream = client.chat.completions.stream(params, { signal: stop, timeout: timeoutMs });
    stream.on("chunk", (chunk) => {
      if (chunk.model) reply.model = chunk.model;
      if (chunk.usage) {
        reply.tokensIn = chunk.usage.prompt_tokens;
        reply.tokensOut = chunk.usage.completion_tokens;
      }
      for (const other of chunk.choices) {
        if (other.index === 0) continue;
        const entry = others.get(other.index) ?? { text: "", finish: null };
        entry.text += other.delta?.content ?? "";
        if (other.finish_reason) entry.finish = other.finish_reason;
        others.set(other.index, entry);
      }
      const choice = chunk.choices.find((c) => c.index === 0);
      if (!choice) return;
      if (choice.delta?.content) {
        sawOutput = true;
        reply.content += choice.delta.content;
        onContent(choice.delta.content);
      }
      if (choice.delta?.refusal) {
        sawOutput = true;
        refusal += choice.delta.refusal;
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    });
    const finished = stream.done();
    finished.catch(() => {});
    try {
      await Promise.race([finished, stopped]);
    } finally {
      if (stop.aborted) stream.abort();
    }
  } catch (error) {
    if (signal?.aborted) throw abortedError(error);
    if (deadline.signal.aborted) throw timeoutError(timeoutMs, error);
    // The reply-size cap (openai-client.server.ts) ends the body with its own labelled error: not retried.
    const tooLarge = findReplyTooLarge(error);
    if (tooLarge) throw tooLarge;
    if (error instanceof APIError) throw error;
    if (!sawOutput) {
      // Nothing was shown yet, so this is as safe to retry as a refused connection.
      throw new APIConnectionError({
        message: "The stream ended before any output",
        cause: error as Error,
      });
    }
    if (finishReason === null) {
      throw new LlmGradeError("stream_cut", "The model's reply was cut off mid-way", {
        cause: error,
      });
    }
    // The reply had finished; only the trailing usage chunk was lost. Keep the reply.
  } finally {
    clearTimeout(timer);
    stop.removeEventListener("abort", onStop);
  }

  if (refusal) {
    const said = refusal.replace(/\s+/g, " ").trim();
    throw new LlmGradeError(
      "refusal",
      `The model refused to grade this answer ("${said.length > 120 ? `${said.slice(0, 119)}…` : said}")`,
    );
  }
  if (finishReason === "length") {
    throw new LlmGradeError("truncated", "The model's reply was cut off at its output token limit");
  }
  if (finishReason === "content_filter") {
    throw new LlmGradeError("refusal", "The model's content filter stopped its reply");
  }
  reply.samples = [
    reply.content,
    ...[...others.entries()]
      .filter(([, other]) => other.finish === "stop")
      .sort(([a], [b]) => a - b)
      .map(([, other]) => other.text),
  ];
  return reply;
}
