import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "vitest";
import { resetEnvForTests } from "~/env.server";
import { action as settingsAction, loader as settingsLoader } from "~/routes/settings/route";
import { checkTranscription, type TranscriptionCheck } from "~/voice/check-transcription.server";
import { transcriptionHandlers, transcriptionMock } from "../mocks/transcription";
import { createSignedInUser, get, post, run } from "../utils/routes";
import type { TestUser } from "../utils/review";

/**
 * Issue 18, item 7: Settings say whether transcription is reachable, not only
 * configured: a same-origin POST asks the server for its model list with a
 * short timeout; the GET calls no server; the key is never shown.
 */

const KEY = "sk-transcribe-secret-key";
const server = setupServer(...transcriptionHandlers);
const ENV_KEYS = [
  "TRANSCRIBE_BASE_URL",
  "TRANSCRIBE_API_KEY",
  "TRANSCRIBE_MODEL",
  "TRANSCRIBE_TIMEOUT_MS",
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
  "MOCKS",
] as const;
const savedEnv = new Map(ENV_KEYS.map((k) => [k, process.env[k]]));

function setEnv(values: Partial<Record<(typeof ENV_KEYS)[number], string | undefined>>) {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvForTests();
}

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(() =>
  setEnv({
    TRANSCRIBE_BASE_URL: "http://mock-transcribe.test/v1",
    TRANSCRIBE_API_KEY: KEY,
    TRANSCRIBE_MODEL: undefined,
    TRANSCRIBE_TIMEOUT_MS: "1000",
    OPENAI_API_KEY: undefined,
    OPENAI_BASE_URL: undefined,
    MOCKS: undefined,
  }),
);
afterEach(() => {
  server.resetHandlers();
  transcriptionMock.reset();
  for (const [key, value] of savedEnv) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvForTests();
});
afterAll(() => server.close());

let alice: TestUser;
beforeAll(async () => {
  alice = await createSignedInUser("alice");
});

const check = (
  who: TestUser,
  form: Record<string, string> = { intent: "check-transcription" },
  origin?: string,
) => run(settingsAction, post("/settings", form, { cookie: who.cookie, origin }));

test("a server that lists the model is reachable; the key goes to it and nowhere on the page", async () => {
  const outcome = await check(alice);
  expect(outcome.status).toBe(200);
  const { check: result } = outcome.data as { check: TranscriptionCheck };
  expect(result.reachable).toBe(true);
  expect(result.detail).toBe('mock-transcribe.test/v1 answered, and lists the model "whisper-1".');
  expect(transcriptionMock.modelListRequests).toEqual([`Bearer ${KEY}`]);
  expect(JSON.stringify(outcome.data)).not.toContain(KEY);
});

test.each([
  ["network-error", false, "could not be reached"],
  ["hang", false, "did not answer within 1 seconds"],
  ["server-error", true, "answered with an error (500)"],
  ["not-found", true, "has no model list (404)"],
  ["malformed-json", true, "not with a model list it could read"],
] as const)("a %s says reachable=%s and why", async (fault, reachable, why) => {
  transcriptionMock.failNext(fault);
  const result = await checkTranscription();
  expect(result.reachable).toBe(reachable);
  expect(result.detail).toContain(why);
  expect(result.detail).not.toContain(KEY);
});

test("a model the server does not list, and no server at all, are said so", async () => {
  setEnv({ TRANSCRIBE_MODEL: "large-v3" });
  const unlisted = await checkTranscription();
  expect(unlisted).toMatchObject({ reachable: true });
  expect(unlisted.detail).toContain('does not name "large-v3"');

  setEnv({ TRANSCRIBE_BASE_URL: undefined, TRANSCRIBE_API_KEY: undefined });
  expect((await checkTranscription()).detail).toContain("No transcription server is configured");
  expect(transcriptionMock.modelListRequests).toHaveLength(1);
});

test("GET /settings calls no server and shows no key", async () => {
  const page = await run(settingsLoader, get("/settings", alice.cookie));
  expect(page.status).toBe(200);
  expect(transcriptionMock.modelListRequests).toEqual([]);
  expect(JSON.stringify(page.data)).not.toContain(KEY);
});

test("a malformed, empty or over-long intent is a 400; signed-out and cross-site posts call nothing", async () => {
  const forms: Record<string, string>[] = [{ intent: "check" }, {}, { intent: "x".repeat(5000) }];
  for (const form of forms) {
    expect((await check(alice, form)).status).toBe(400);
  }
  expect(
    (await run(settingsAction, post("/settings", { intent: "check-transcription" }))).status,
  ).toBe(302);
  expect((await check(alice, undefined, "https://evil.example")).status).toBe(403);
  expect(transcriptionMock.modelListRequests).toEqual([]);
});
