import { setupServer, type SetupServer } from "msw/node";
import { openAiHandlers, openAiMock } from "./openai";
import { transcriptionHandlers } from "./transcription";

/**
 * The mocked external APIs for `MOCKS=true` development: call startMockServer()
 * once in the server process, before the first LLM call, and point the app at
 * any base URL (or none); requests to the real API never leave the machine.
 */

export { openAiHandlers, openAiMock, MOCK_OPENAI_BASE_URL } from "./openai";
export { transcriptionHandlers, transcriptionMock } from "./transcription";

let server: SetupServer | undefined;

export function startMockServer(
  options: { chunkDelayMs?: number; latencyMs?: number } = {},
): SetupServer {
  if (server) return server;
  // Slow enough that streamed feedback is visible in a browser.
  openAiMock.configure({
    chunkSize: 12,
    chunkDelayMs: options.chunkDelayMs ?? 20,
    latencyMs: options.latencyMs ?? 300,
  });
  const started = setupServer(...openAiHandlers, ...transcriptionHandlers);
  started.listen({ onUnhandledRequest: "bypass" });
  server = started;
  console.info(
    "[mocks] The OpenAI API (chat and transcription) is mocked by msw (MOCKS=true); no request leaves this machine.",
  );
  return started;
}

export function stopMockServer(): void {
  server?.close();
  server = undefined;
}
