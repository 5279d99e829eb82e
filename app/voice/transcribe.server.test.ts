import { expect, test } from "vitest";
import type { Env } from "~/env.server";
import { describeTranscription, readReply, transcriptionSettings } from "./transcribe.server";

const env = (values: Partial<Env>): Env =>
  ({ TRANSCRIBE_MODEL: "whisper-1", TRANSCRIBE_TIMEOUT_MS: 120_000, MOCKS: false, ...values }) as Env;

test("TRANSCRIBE_* first, else the OpenAI settings; an OpenAI key never goes to another server", () => {
  expect(transcriptionSettings(env({}))).toMatchObject({ configured: false });
  expect(transcriptionSettings(env({ OPENAI_API_KEY: "sk-openai" }))).toMatchObject({
    configured: true,
    baseURL: "https://api.openai.com/v1",
    apiKey: "sk-openai",
  });
  expect(transcriptionSettings(env({ OPENAI_BASE_URL: "http://127.0.0.1:8000/v1" }))).toMatchObject({
    configured: true,
    baseURL: "http://127.0.0.1:8000/v1",
    apiKey: "not-needed-for-a-local-server",
  });
  const local = transcriptionSettings(env({ OPENAI_API_KEY: "sk-openai", TRANSCRIBE_BASE_URL: "http://127.0.0.1:8080/v1" }));
  expect(local).toMatchObject({ configured: true, baseURL: "http://127.0.0.1:8080/v1", apiKey: "not-needed-for-a-local-server" });
  expect(transcriptionSettings(env({ TRANSCRIBE_API_KEY: "sk-transcribe", OPENAI_BASE_URL: "http://127.0.0.1:11434/v1" }))).toMatchObject({
    baseURL: "https://api.openai.com/v1",
    apiKey: "sk-transcribe",
  });
});

test("the settings page sees the server and model, never the key or credentials in the URL", () => {
  const shown = describeTranscription(env({ TRANSCRIBE_BASE_URL: "http://user:secret@127.0.0.1:8000/v1/", TRANSCRIBE_API_KEY: "sk-secret" }));
  expect(shown).toEqual({ configured: true, model: "whisper-1", server: "127.0.0.1:8000/v1", mocked: false });
  expect(JSON.stringify(shown)).not.toMatch(/secret/);
});

test("readReply takes verbose_json, json and text, and refuses what has no transcript", () => {
  expect(readReply({ text: " Hi. ", duration: 2.5, segments: [{ start: 0, end: 1, text: "Hi." }] }, "m")).toEqual({
    ok: true,
    transcript: "Hi.",
    segments: [{ start: 0, end: 1, text: "Hi." }],
    durationSeconds: 2.5,
    by: "m",
  });
  expect(readReply({ text: "Hi." }, "m")).toMatchObject({ ok: true, segments: null, durationSeconds: null });
  expect(readReply("Hi there.\n", "m")).toMatchObject({ ok: true, transcript: "Hi there." });
  expect(readReply('{"text":"From JSON sent as text"}', "m")).toMatchObject({ ok: true, transcript: "From JSON sent as text" });
  expect(readReply('{"text":"cut', "m")).toMatchObject({ ok: false, reason: expect.stringMatching(/broken JSON/) });
  expect(readReply({ segments: [] }, "m")).toMatchObject({ ok: false });
  expect(readReply({ text: "Odd segments", segments: "nope" }, "m")).toMatchObject({ ok: true, segments: null });
});
