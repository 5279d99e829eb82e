import { eq } from "drizzle-orm";
import { beforeEach, expect, test } from "vitest";
import { answers, recordings, roundQuestions } from "../../db/schema";
import { getDb } from "~/db.server";
import { loader as exportJsonLoader } from "~/routes/export[.json]/route";
import { deliveryMetrics } from "~/voice/delivery";
import { takeRound, type TestUser } from "../utils/review";
import { createSignedInUser, get, run } from "../utils/routes";

/** Issue 18: the data download holds each spoken answer's transcript and figures, never the audio, and only the user's own. */

interface ExportedAnswer {
  id: string;
  recording: Record<string, unknown> | null;
}
interface Exported {
  rounds: { id: string; questions: { answers: ExportedAnswer[] }[] }[];
}

async function exportOf(who: TestUser): Promise<{ data: Exported; raw: string }> {
  const outcome = await run(exportJsonLoader, get("/export.json", who.cookie));
  expect(outcome.status).toBe(200);
  return { data: outcome.data as Exported, raw: JSON.stringify(outcome.data) };
}

function mainAnswerId(roundId: string): string {
  return getDb()
    .select({ id: answers.id })
    .from(answers)
    .innerJoin(roundQuestions, eq(roundQuestions.id, answers.roundQuestionId))
    .where(eq(roundQuestions.roundId, roundId))
    .get()!.id;
}

// Bytes no JSON encoding of anything else would hold: as base64 "QVVESU8tTUFSS0VSLQ==" starts "QVVESU8tTUFSS0VS".
const AUDIO = Buffer.from("AUDIO-MARKER-");

function record(answerId: string, transcript: string | null) {
  const at = new Date("2026-03-01T10:00:00Z");
  getDb()
    .insert(recordings)
    .values({
      answerId,
      mimeType: "audio/webm;codecs=opus",
      bytes: AUDIO.byteLength,
      durationMs: 12_000,
      status: transcript === null ? "failed" : "transcribed",
      failureReason:
        transcript === null ? "The transcription server did not answer in time." : null,
      transcript,
      transcribedBy: transcript === null ? null : "whisper-1 @ mock",
      delivery: transcript === null ? null : deliveryMetrics({ transcript, durationSeconds: 12 }),
      createdAt: at,
      updatedAt: at,
      audio: AUDIO,
    })
    .run();
}

let alice: TestUser;
let bob: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

test(
  "each spoken answer carries its recording's transcript and figures; a typed answer has none",
  { timeout: 60_000 },
  async () => {
    const spoken = await takeRound(alice);
    const failed = await takeRound(alice);
    const typed = await takeRound(alice);
    record(
      mainAnswerId(spoken),
      "Um so REST models the domain as resources, you know, each with an address.",
    );
    record(mainAnswerId(failed), null);

    const { data, raw } = await exportOf(alice);
    const answerIn = (roundId: string) =>
      data.rounds.find((r) => r.id === roundId)!.questions[0]!.answers[0]!;
    expect(answerIn(spoken).recording).toMatchObject({
      status: "transcribed",
      transcript: "Um so REST models the domain as resources, you know, each with an address.",
      transcribedBy: "whisper-1 @ mock",
      mimeType: "audio/webm;codecs=opus",
      bytes: AUDIO.byteLength,
      durationMs: 12_000,
      delivery: { words: 14, fillers: { total: 2 } },
    });
    expect(answerIn(failed).recording).toMatchObject({
      status: "failed",
      transcript: null,
      failureReason: "The transcription server did not answer in time.",
    });
    expect(answerIn(typed).recording).toBeNull();
    // Metadata and transcript, never the audio bytes (nor the row's answer id twice).
    expect(Object.keys(answerIn(spoken).recording!)).not.toContain("audio");
    expect(Object.keys(answerIn(spoken).recording!)).not.toContain("answerId");
    expect(raw).not.toContain("AUDIO-MARKER");
    expect(raw).not.toContain("QVVESU8tTUFSS0VS");
    expect(raw).not.toMatch(/"type":"Buffer"/);
  },
);

test("another user's recordings never appear in the download", { timeout: 60_000 }, async () => {
  const bobs = await takeRound(bob);
  record(mainAnswerId(bobs), "Bob's private spoken answer about queues.");
  await takeRound(alice);

  const { raw } = await exportOf(alice);
  expect(raw).not.toContain("Bob's private spoken answer");
  expect(raw).not.toContain(mainAnswerId(bobs));
  expect((await exportOf(bob)).raw).toContain("Bob's private spoken answer about queues.");
});
