import { getEnv } from "~/env.server";

let started: Promise<void> | undefined;

/**
 * With MOCKS=true, msw answers the OpenAI API inside this process. It starts on
 * the first LLM call rather than at import: server.js installs its fetch
 * globals after importing the build, which would undo an earlier patch.
 */
export function ensureMockLlm(): Promise<void> {
  if (!getEnv().MOCKS) return Promise.resolve();
  started ??= import("../../../tests/mocks/index").then(({ startMockServer }) => {
    startMockServer();
  });
  return started;
}
