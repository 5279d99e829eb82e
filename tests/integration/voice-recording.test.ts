import { eq } from "drizzle-orm";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { answers, recordings, roundQuestions, rounds, users } from "../../db/schema";
import { getDb } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { bodyLimitFor } from "~/security/body-limit.server";
import { action as deleteRoundAction } from "~/routes/rounds.$roundId.delete/route";
import { action as startAction } from "~/routes/rounds.$roundId.questions.$position.start/route";
import { action, loader } from "~/routes/rounds.$roundId.questions.$position.recording/route";
import type { RecordingState, RecordingView } from "~/voice/recording-view";
import { MOCK_TRANSCRIPT, transcriptionHandlers, transcriptionMock } from "../mocks/transcription";
import { answerRound, takeRound, type TestUser } from "../utils/review";
import { createSignedInUser, get, ORIGIN, post, run } from "../utils/routes";
import { wav } from "../utils/wav";

/**
 * Voice answers through the real route (issue 18): the audio is saved before
 * anything else, then transcribed by the mocked OpenAI-compatible server; every
 * failure keeps the audio. Limits, other users' answers, submitted answers and
 * deletion with the answer, round and account.
 */

const TRANSCRIBE_BASE_URL = "http://mock-transcribe.test/v1";
const server = setupServer(...transcriptionHandlers);
const ENV_KEYS = [
  "TRANSCRIBE_BASE_URL",
  "TRANSCRIBE_API_KEY",
  "TRANSCRIBE_TIMEOUT_MS",
  "RECORDING_MAX_BYTES",
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
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
beforeEach(() => setEnv({ TRANSCRIBE_BASE_URL, TRANSCRIBE_TIMEOUT_MS: "1000" }));
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

/** A WebM file as far as anyone reading its first bytes can tell: the EBML magic, then filler. */
function webm(bytes = 4096): Uint8Array<ArrayBuffer> {
  const audio = new Uint8Array(bytes);
  audio.set([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]);
  for (let i = 9; i < bytes; i++) audio[i] = (i * 31) % 251;
  return audio;
}

let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

/** A one-question round (5 minutes) with its question started a minute ago (Start pressed) and nothing written. */
async function openRound(who: TestUser): Promise<string> {
  const roundId = await takeRound(who, { count: 1, answers: [] });
  const started = await run(
    startAction,
    post(`/rounds/${roundId}/questions/1/start`, {}, { cookie: who.cookie }),
    { roundId, position: "1" },
  );
  expect(started.status).toBe(302);
  const rq = getDb()
    .select()
    .from(roundQuestions)
    .where(eq(roundQuestions.roundId, roundId))
    .get()!;
  const startedAt = new Date(Date.now() - 60_000);
  getDb()
    .update(answers)
    .set({ startedAt, deadlineAt: new Date(startedAt.getTime() + rq.secondsAllowed * 1000) })
    .where(eq(answers.roundQuestionId, rq.id))
    .run();
  return roundId;
}

const path = (roundId: string, query = "") =>
  `/rounds/${roundId}/questions/1/recording?slot=0${query}`;
const params = (roundId: string) => ({ roundId, position: "1" });

function upload(
  who: TestUser,
  roundId: string,
  body: BodyInit,
  {
    type = "audio/webm;codecs=opus",
    durationMs = "12000",
    origin = ORIGIN,
    headers = {},
  }: {
    type?: string | null;
    durationMs?: string | null;
    origin?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const all: Record<string, string> = { Cookie: who.cookie, Origin: origin, ...headers };
  if (type) all["Content-Type"] = type;
  if (durationMs) all["X-Recording-Duration-Ms"] = durationMs;
  return run(
    action,
    new Request(`${ORIGIN}${path(roundId)}`, {
      method: "POST",
      body,
      headers: all,
      duplex: "half",
    } as RequestInit),
    params(roundId),
  );
}

const tryAgain = (who: TestUser, roundId: string) =>
  run(
    action,
    post(path(roundId), { intent: "transcribe" }, { cookie: who.cookie }),
    params(roundId),
  );

async function state(who: TestUser, roundId: string) {
  const outcome = await run(
    loader,
    get(path(roundId, "&format=json"), who.cookie),
    params(roundId),
  );
  return { status: outcome.status, data: outcome.data as RecordingState };
}

function storedRecording(roundId: string) {
  return getDb()
    .select({
      answerId: recordings.answerId,
      bytes: recordings.bytes,
      status: recordings.status,
      audio: recordings.audio,
    })
    .from(recordings)
    .innerJoin(answers, eq(answers.id, recordings.answerId))
    .innerJoin(roundQuestions, eq(roundQuestions.id, answers.roundQuestionId))
    .where(eq(roundQuestions.roundId, roundId))
    .get();
}

async function audioOf(who: TestUser, roundId: string, range?: string): Promise<Response> {
  const headers: Record<string, string> = { Cookie: who.cookie };
  if (range) headers.Range = range;
  try {
    return await loader({
      request: new Request(`${ORIGIN}${path(roundId)}`, { headers }),
      params: params(roundId),
      context: {},
    });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    const init = (thrown as { init?: ResponseInit }).init;
    return new Response(null, { status: init?.status ?? 500 });
  }
}

describe("saving and transcribing a recording", () => {
  test("the audio is saved, transcribed with verbose_json, and its delivery measured from the segments", async () => {
    const roundId = await openRound(alice);
    const audio = webm();
    const saved = await upload(alice, roundId, audio);
    expect(saved.status, JSON.stringify(saved.data)).toBe(201);
    const view = saved.data as RecordingView;
    expect(view).toMatchObject({
      status: "transcribed",
      transcript: MOCK_TRANSCRIPT.text,
      mimeType: "audio/webm;codecs=opus",
      bytes: 4096,
    });
    expect(view.delivery).toMatchObject({
      source: "segments",
      speakingSeconds: 12.1,
      longPauses: { count: 1, longestSeconds: 2.5, atSeconds: [8] },
    });
    expect(view.delivery!.wordsPerMinute).toBeGreaterThan(100);
    expect(view.delivery!.fillers.byWord.map((f) => f.word)).toEqual(["um", "you know", "like"]);
    expect(view.delivery!.hedges.byWord).toMatchObject([{ word: "kind of", count: 1 }]);

    expect(transcriptionMock.requests).toEqual([
      expect.objectContaining({
        model: "whisper-1",
        responseFormat: "verbose_json",
        fileName: "answer.webm",
        fileType: "audio/webm",
        fileBytes: 4096,
      }),
    ]);
    // A local server gets no key but the placeholder: never the OpenAI key meant for another server.
    expect(transcriptionMock.requests[0]!.authorization).toBe(
      "Bearer not-needed-for-a-local-server",
    );

    const whole = await audioOf(alice, roundId);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("Content-Type")).toBe("audio/webm;codecs=opus");
    expect(whole.headers.get("Accept-Ranges")).toBe("bytes");
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(audio);

    const part = await audioOf(alice, roundId, "bytes=100-199");
    expect(part.status).toBe(206);
    expect(part.headers.get("Content-Range")).toBe("bytes 100-199/4096");
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(audio.subarray(100, 200));
    const tail = await audioOf(alice, roundId, "bytes=-96");
    expect(tail.headers.get("Content-Range")).toBe("bytes 4000-4095/4096");
    const past = await audioOf(alice, roundId, "bytes=5000-");
    expect(past.status).toBe(416);
    expect(past.headers.get("Content-Range")).toBe("bytes */4096");

    const now = await state(alice, roundId);
    expect(now.data).toMatchObject({
      transcription: { configured: true },
      open: true,
      recording: { status: "transcribed" },
    });
    expect(now.data.recording!.audioUrl).toMatch(
      new RegExp(`^/rounds/${roundId}/questions/1/recording\\?slot=0&v=\\d+$`),
    );
  });

  test("a multipart upload with an `audio` file is taken too; recording again replaces the first", async () => {
    const roundId = await openRound(alice);
    await upload(alice, roundId, webm(1000));
    const form = new FormData();
    form.set("audio", new File([webm(2000)], "answer.webm", { type: "audio/webm" }));
    form.set("durationMs", "9000");
    const saved = await upload(alice, roundId, form, { type: null, durationMs: null });
    expect(saved.status, JSON.stringify(saved.data)).toBe(201);
    expect(storedRecording(roundId)).toMatchObject({ bytes: 2000, status: "transcribed" });
  });

  test("a WAV's length is read from its header", async () => {
    const roundId = await openRound(alice);
    const saved = await upload(alice, roundId, wav(1.5), { type: "audio/wav", durationMs: null });
    expect(saved.status, JSON.stringify(saved.data)).toBe(201);
    expect(transcriptionMock.requests.at(-1)).toMatchObject({
      fileName: "answer.wav",
      fileType: "audio/wav",
    });
  });
});

describe("what is refused, and nothing is stored", () => {
  test("too large: declared or streamed past RECORDING_MAX_BYTES is a 413", async () => {
    setEnv({ RECORDING_MAX_BYTES: String(64 * 1024) });
    const roundId = await openRound(alice);
    const declared = await upload(alice, roundId, webm(64 * 1024 + 1));
    expect(declared.status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const chunk = webm(16 * 1024);
        for (let i = 0; i < 5; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const streamed = await upload(alice, roundId, stream);
    expect(streamed.status).toBe(413);
    expect(storedRecording(roundId)).toBeUndefined();
    expect(transcriptionMock.requests).toHaveLength(0);
  });

  test("server.js lets a recording's path take RECORDING_MAX_BYTES and an envelope; other paths keep the form limit", () => {
    expect(bodyLimitFor("/rounds/abc/questions/2/recording")).toBe(10 * 1024 * 1024 + 16 * 1024);
    expect(bodyLimitFor("/rounds/abc/questions/2/draft")).toBe(256 * 1024);
    expect(bodyLimitFor("/rounds/abc/questions/2/recording/extra")).toBe(256 * 1024);
  });

  test("too long: longer than the answer's clock, or than the answer has been open, is a 422", async () => {
    const roundId = await openRound(alice);
    expect(
      (await upload(alice, roundId, webm(), { durationMs: String(20 * 60 * 1000) })).status,
    ).toBe(422);
    // The question was opened a minute ago: a 90-second recording cannot have been made since.
    expect((await upload(alice, roundId, webm(), { durationMs: "90000" })).status).toBe(422);
    expect(
      (await upload(alice, roundId, wav(80), { type: "audio/wav", durationMs: null })).status,
    ).toBe(422);
    expect(storedRecording(roundId)).toBeUndefined();
  });

  test("not audio: another Content-Type, or bytes that are not the audio they claim to be, is a 415", async () => {
    const roundId = await openRound(alice);
    const text = new TextEncoder().encode("definitely not audio");
    expect((await upload(alice, roundId, text, { type: "text/plain" })).status).toBe(415);
    expect((await upload(alice, roundId, text, { type: "audio/webm" })).status).toBe(415);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await upload(alice, roundId, png, { type: "audio/mpeg" })).status).toBe(415);
    // Real WebM declared as Ogg: the container must be the one named.
    expect((await upload(alice, roundId, webm(), { type: "audio/ogg" })).status).toBe(415);
    expect((await upload(alice, roundId, webm(), { type: null })).status).toBe(415);
    const form = new FormData();
    form.set("audio", new File([text], "notes.txt", { type: "text/plain" }));
    expect((await upload(alice, roundId, form, { type: null })).status).toBe(415);
    expect(storedRecording(roundId)).toBeUndefined();
  });

  test("empty: no bytes is a 400", async () => {
    const roundId = await openRound(alice);
    const outcome = await upload(alice, roundId, new Uint8Array(0));
    expect(outcome.status).toBe(400);
    expect(outcome.data).toEqual({ error: "The recording is empty: nothing was heard." });
    expect(storedRecording(roundId)).toBeUndefined();
  });

  test("another user's answer is a 404 for every method, and theirs is untouched", async () => {
    const roundId = await openRound(alice);
    await upload(alice, roundId, webm());
    const before = storedRecording(roundId);
    expect((await upload(bob, roundId, webm(2048))).status).toBe(404);
    expect((await tryAgain(bob, roundId)).status).toBe(404);
    expect(
      (await run(loader, get(path(roundId, "&format=json"), bob.cookie), params(roundId))).status,
    ).toBe(404);
    expect((await audioOf(bob, roundId)).status).toBe(404);
    expect(storedRecording(roundId)).toEqual(before);
  });

  test("a submitted answer takes no recording (409), and one from before is kept", async () => {
    const roundId = await openRound(alice);
    await upload(alice, roundId, webm(1000));
    await answerRound(alice, roundId, ["REST models resources."]);
    const late = await upload(alice, roundId, webm(2000));
    expect(late.status).toBe(409);
    expect(storedRecording(roundId)).toMatchObject({ bytes: 1000 });
    expect((await state(alice, roundId)).data).toMatchObject({
      open: false,
      recording: { bytes: 1000 },
    });
    expect((await audioOf(alice, roundId)).status).toBe(200);
  });

  test("a post from another site is a 403", async () => {
    const roundId = await openRound(alice);
    expect((await upload(alice, roundId, webm(), { origin: "https://evil.example" })).status).toBe(
      403,
    );
    expect(storedRecording(roundId)).toBeUndefined();
  });

  test("no recording yet: the audio is a 404, the state says none", async () => {
    const roundId = await openRound(alice);
    expect((await audioOf(alice, roundId)).status).toBe(404);
    expect((await state(alice, roundId)).data).toMatchObject({ recording: null, open: true });
  });
});

describe("when transcription fails the audio is kept, and Try again works", () => {
  test.each([
    ["a 500", "server-error", /failed \(500\)/],
    ["a timeout", "hang", /did not answer within 1 seconds/],
    ["an unreachable server", "network-error", /could not be reached/],
    ["a malformed reply", "malformed-json", /could not be read/],
    ["a reply with no transcript", "no-text", /no transcript/],
    ["a 404 (a server without transcription)", "not-found", /404/],
  ] as const)("%s", async (_label, fault, reason) => {
    const roundId = await openRound(alice);
    const audio = webm();
    transcriptionMock.failNext(fault);
    const saved = await upload(alice, roundId, audio);
    expect(saved.status).toBe(201);
    expect(saved.data).toMatchObject({ status: "failed", transcript: null, canRetry: true });
    expect((saved.data as RecordingView).reason).toMatch(reason);
    expect(new Uint8Array(await (await audioOf(alice, roundId)).arrayBuffer())).toEqual(audio);

    const again = await tryAgain(alice, roundId);
    expect(again.status).toBe(200);
    expect(again.data).toMatchObject({
      status: "transcribed",
      transcript: MOCK_TRANSCRIPT.text,
      reason: null,
    });
  });

  test("servers that answer plain json or text are read too; pace then comes from the recording's length", async () => {
    for (const fault of ["plain-json", "plain-text"] as const) {
      const roundId = await openRound(alice);
      transcriptionMock.failNext(fault);
      const saved = await upload(alice, roundId, webm(), { durationMs: "3000" });
      expect(saved.data).toMatchObject({ status: "transcribed", transcript: MOCK_TRANSCRIPT.text });
      expect((saved.data as RecordingView).delivery).toMatchObject({
        source: "duration",
        speakingSeconds: 3,
        longPauses: { count: 0 },
      });
    }
  });

  test("a transcription left running by a crash reads as failed, and can be tried again", async () => {
    const roundId = await openRound(alice);
    await upload(alice, roundId, webm());
    const { answerId } = storedRecording(roundId)!;
    getDb()
      .update(recordings)
      .set({
        status: "transcribing",
        transcript: null,
        updatedAt: new Date(Date.now() - 10 * 60_000),
      })
      .where(eq(recordings.answerId, answerId))
      .run();
    expect((await state(alice, roundId)).data.recording).toMatchObject({
      status: "failed",
      reason: expect.stringMatching(/interrupted/),
      canRetry: true,
    });
    expect((await tryAgain(alice, roundId)).data).toMatchObject({ status: "transcribed" });
  });

  test("with no transcription server the audio is kept for replay, and the browser's transcript can be stored", async () => {
    setEnv({ TRANSCRIBE_BASE_URL: undefined });
    const roundId = await openRound(alice);
    const saved = await upload(alice, roundId, webm(), { durationMs: "6000" });
    expect(saved.data).toMatchObject({ status: "untranscribed", canRetry: false });
    expect(transcriptionMock.requests).toHaveLength(0);
    expect((await state(alice, roundId)).data.transcription).toEqual({ configured: false });
    expect((await tryAgain(alice, roundId)).status).toBe(409);
    const spoken = "Um, caching keeps, like, hot reads off the database";
    const browser = await run(
      action,
      post(
        path(roundId),
        { intent: "browser-transcript", transcript: spoken },
        { cookie: alice.cookie },
      ),
      params(roundId),
    );
    expect(browser.data).toMatchObject({
      status: "transcribed",
      transcribedBy: "browser",
      transcript: spoken,
      delivery: { source: "duration", speakingSeconds: 6, words: 9 },
    });
  });
});

describe("deleting the answer, the round or the account deletes the recording", () => {
  test("with the answer", async () => {
    const roundId = await openRound(alice);
    await upload(alice, roundId, webm());
    const { answerId } = storedRecording(roundId)!;
    getDb().delete(answers).where(eq(answers.id, answerId)).run();
    expect(storedRecording(roundId)).toBeUndefined();
    expect(
      getDb().select().from(recordings).where(eq(recordings.answerId, answerId)).all(),
    ).toEqual([]);
  });

  test("with the round, deleted through its page", async () => {
    const roundId = await openRound(alice);
    await upload(alice, roundId, webm());
    const { answerId } = storedRecording(roundId)!;
    const deleted = await run(
      deleteRoundAction,
      post(`/rounds/${roundId}/delete`, { confirm: "delete" }, { cookie: alice.cookie }),
      { roundId },
    );
    expect(deleted.status).toBe(302);
    expect(getDb().select().from(rounds).where(eq(rounds.id, roundId)).all()).toEqual([]);
    expect(
      getDb().select().from(recordings).where(eq(recordings.answerId, answerId)).all(),
    ).toEqual([]);
  });

  test("with the account", async () => {
    const carol = await createSignedInUser("carol");
    const roundId = await openRound(carol);
    await upload(carol, roundId, webm());
    const { answerId } = storedRecording(roundId)!;
    const kept = await openRound(alice);
    await upload(alice, kept, webm());
    getDb().delete(users).where(eq(users.id, carol.user.id)).run();
    expect(
      getDb().select().from(recordings).where(eq(recordings.answerId, answerId)).all(),
    ).toEqual([]);
    expect(storedRecording(kept)).toBeDefined();
  });
});
