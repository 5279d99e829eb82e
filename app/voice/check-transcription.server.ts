import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import { getEnv, type Env } from "~/env.server";
import { transcriptionClient, transcriptionSettings } from "./transcribe.server";

/** A settings page waits this long at most: reachable servers answer a model list at once. */
export const CHECK_TIMEOUT_MS = 5_000;

/** What "Check connection" found, in sentences for the page: never the key. */
export interface TranscriptionCheck {
  reachable: boolean;
  detail: string;
  checkedAt: string;
}

/**
 * Asks the transcription server for its model list (`GET /models`, the
 * cheapest request every OpenAI-compatible server understands, and one that
 * sends no audio): any HTTP answer means it is reachable; the status and
 * whether the model is listed say whether it will transcribe. Never throws.
 */
export async function checkTranscription(
  env: Env = getEnv(),
  now = new Date(),
): Promise<TranscriptionCheck> {
  const checkedAt = now.toISOString();
  const settings = transcriptionSettings(env);
  if (!settings.configured) {
    return {
      reachable: false,
      detail: "No transcription server is configured, so there is nothing to reach.",
      checkedAt,
    };
  }
  const timeoutMs = Math.min(CHECK_TIMEOUT_MS, env.TRANSCRIBE_TIMEOUT_MS);
  const where = settings.server;
  try {
    const ids: string[] = [];
    const page = await transcriptionClient(settings, timeoutMs).models.list();
    for (const model of page.data) ids.push(model.id);
    const listed = ids.includes(settings.model);
    return {
      reachable: true,
      detail: listed
        ? `${where} answered, and lists the model "${settings.model}".`
        : `${where} answered, but its model list does not name "${settings.model}"; some servers load models on demand, so recording may still work.`,
      checkedAt,
    };
  } catch (error) {
    if (error instanceof APIConnectionTimeoutError) {
      return {
        reachable: false,
        detail: `${where} did not answer within ${Math.round(timeoutMs / 1000)} seconds.`,
        checkedAt,
      };
    }
    if (error instanceof APIConnectionError) {
      return {
        reachable: false,
        detail: `${where} could not be reached (connection failed).`,
        checkedAt,
      };
    }
    if (error instanceof APIError && error.status !== undefined) {
      if (error.status === 401 || error.status === 403) {
        return {
          reachable: true,
          detail: `${where} answered, but refused the key (${error.status}): transcription will fail until it is fixed.`,
          checkedAt,
        };
      }
      if (error.status === 404) {
        return {
          reachable: true,
          detail: `${where} answered, but has no model list (404); some servers, such as whisper.cpp's, offer none.`,
          checkedAt,
        };
      }
      return {
        reachable: true,
        detail: `${where} answered with an error (${error.status}).`,
        checkedAt,
      };
    }
    // A reply the SDK could not read (not JSON, or not a list): something answered there.
    return {
      reachable: true,
      detail: `${where} answered, but not with a model list it could read.`,
      checkedAt,
    };
  }
}
