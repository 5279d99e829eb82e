import { eq, sql } from "drizzle-orm";
import { beforeEach, expect, test } from "vitest";
import { answers, recordings, roundQuestions } from "../../db/schema";
import { getDb } from "~/db.server";
import type { DeliveryPoint } from "~/review/delivery-over-time.server";
import { loader as progressLoader } from "~/routes/progress/route";
import { deliveryMetrics, type DeliveryMetrics } from "~/voice/delivery";
import type { RecordingStatus } from "~/voice/recording-status";
import { takeRound, type TestUser } from "../utils/review";
import { createSignedInUser, get, run } from "../utils/routes";

/** Issue 18, item 4: delivery kept over time on /progress, for the user's own spoken answers only. */

async function deliveryOn(who: TestUser): Promise<DeliveryPoint[]> {
  const outcome = await run(progressLoader, get("/progress", who.cookie));
  expect(outcome.status).toBe(200);
  return (outcome.data as { delivery: DeliveryPoint[] }).delivery;
}

function mainAnswerId(roundId: string): string {
  return getDb()
    .select({ id: answers.id })
    .from(answers)
    .innerJoin(roundQuestions, eq(roundQuestions.id, answers.roundQuestionId))
    .where(eq(roundQuestions.roundId, roundId))
    .get()!.id;
}

/** A recording row as the recording route leaves it after transcription. */
function record(
  answerId: string,
  delivery: DeliveryMetrics | null,
  createdAt: Date,
  status: RecordingStatus = "transcribed",
) {
  getDb()
    .insert(recordings)
    .values({
      answerId,
      mimeType: "audio/webm",
      bytes: 4,
      durationMs: 30_000,
      status,
      transcript: delivery ? "spoken" : null,
      delivery,
      createdAt,
      updatedAt: createdAt,
      audio: Buffer.from([0x1a, 0x45, 0xdf, 0xa3]),
    })
    .run();
}

// 40 words over 20 s of segments with a 3 s gap: 120 words a minute, one long pause, two fillers.
const segmented = deliveryMetrics({
  transcript: "",
  segments: [
    {
      start: 0,
      end: 10,
      text: "Um so REST models the domain as resources and each one has a URI that names it clearly",
    },
    {
      start: 13,
      end: 23,
      text: "uh and GET reads while POST creates so a client can retry a GET safely and the server stays stateless",
    },
  ],
});
// No timings: the whole 60 s recording counts, pauses unknown.
const whole = deliveryMetrics({
  transcript: Array.from({ length: 150 }, () => "word").join(" "),
  durationSeconds: 60,
});

let alice: TestUser;
let bob: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

test(
  "lists the user's transcribed spoken answers newest first, with pace, fillers a minute and long pauses",
  { timeout: 60_000 },
  async () => {
    const older = await takeRound(alice);
    const newer = await takeRound(alice);
    const pending = await takeRound(alice);
    record(mainAnswerId(older), whole, new Date("2026-03-01T10:00:00Z"));
    record(mainAnswerId(newer), segmented, new Date("2026-03-08T10:00:00Z"));
    // Saved but not transcribed: nothing to measure yet.
    record(mainAnswerId(pending), null, new Date("2026-03-09T10:00:00Z"), "failed");

    const points = await deliveryOn(alice);
    expect(points.map((p) => p.roundId)).toEqual([newer, older]);
    expect(points[0]).toMatchObject({
      position: 1,
      slot: 0,
      wordsPerMinute: segmented.wordsPerMinute,
      fillers: 2,
      fillersPerMinute: segmented.fillers.perMinute,
      longPauses: 1,
    });
    expect(segmented.wordsPerMinute).toBeGreaterThan(0);
    expect(points[0]!.questionTitle.length).toBeGreaterThan(0);
    expect(points[1]).toMatchObject({ wordsPerMinute: 150, speakingSeconds: 60, longPauses: null });
    expect(points[1]!.recordedAt).toEqual(new Date("2026-03-01T10:00:00Z"));
  },
);

test(
  "another user's recordings never show; typed answers alone show nothing",
  { timeout: 60_000 },
  async () => {
    const bobs = await takeRound(bob);
    record(mainAnswerId(bobs), segmented, new Date("2026-03-08T10:00:00Z"));
    await takeRound(alice);

    expect(await deliveryOn(alice)).toEqual([]);
    const his = await deliveryOn(bob);
    expect(his.map((p) => p.roundId)).toEqual([bobs]);
  },
);

test(
  "a stored delivery of another shape is left out, not shown wrong",
  { timeout: 60_000 },
  async () => {
    const good = await takeRound(alice);
    const broken = await takeRound(alice);
    record(mainAnswerId(good), whole, new Date("2026-03-01T10:00:00Z"));
    record(mainAnswerId(broken), whole, new Date("2026-03-02T10:00:00Z"));
    getDb()
      .update(recordings)
      .set({ delivery: sql`json('{"wpm": 999}')` as unknown as DeliveryMetrics })
      .where(eq(recordings.answerId, mainAnswerId(broken)))
      .run();

    const points = await deliveryOn(alice);
    expect(points.map((p) => p.roundId)).toEqual([good]);
  },
);
