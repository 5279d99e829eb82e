import { eq, inArray } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { answers, grades, roundQuestions } from "../../db/schema";
import { getDb } from "~/db.server";
import { loadQueue } from "~/review/practice-queue.server";
import { loadProgress } from "~/review/progress.server";
import { loader as reportLoader } from "~/routes/rounds.$roundId.report/route";
import { loader as exportLoader } from "~/routes/rounds.$roundId.export[.md]/route";
import { action as streamAction } from "~/routes/rounds.$roundId.questions.$position.grade-stream/route";
import {
  action as questionAction,
  loader as questionLoader,
} from "~/routes/rounds.$roundId.questions.$position._index/route";
import { action as newRoundAction } from "~/routes/rounds.new/route";
import { createSignedInUser, get, post, run } from "../utils/routes";
import { GOOD_ANSWER, startQuestion, type TestUser } from "../utils/review";
import { refusalOf } from "../utils/replies";

const GERMAN =
  "REST ist ein Architekturstil für APIs über HTTP. Ressourcen werden über URIs identifiziert, und die HTTP-Methoden " +
  "wie GET und POST beschreiben die Aktion. Der Server speichert keinen Zustand zwischen den Anfragen.";

let alice: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("skip");
});
afterEach(() => {
  vi.useRealTimers();
});

/** A round of `count` REST/HTTP concept questions at one minute each. */
async function startRound(count: number): Promise<string> {
  const started = await run(
    newRoundAction,
    post(
      "/rounds/new",
      { band: "3-5", count: String(count), minutes: "1", kinds: ["concept"] },
      { cookie: alice.cookie },
    ),
  );
  expect(started.status).toBe(302);
  return started.location!.split("/")[2]!;
}

const path = (roundId: string, position: number) => `/rounds/${roundId}/questions/${position}`;
const params = (roundId: string, position: number) => ({ roundId, position: String(position) });

async function open(roundId: string, position: number) {
  const page = await run(
    questionLoader,
    get(path(roundId, position), alice.cookie),
    params(roundId, position),
  );
  expect(page.status).toBe(200);
  return page.data as {
    answer: {
      id: string;
      skipped: boolean;
      submittedAt: Date | null;
      text: string;
      grade: unknown;
    };
    gradeStreamUrl: string | null;
  };
}

function post_(roundId: string, position: number, form: Record<string, string>) {
  return run(
    questionAction,
    post(path(roundId, position), form, { cookie: alice.cookie }),
    params(roundId, position),
  );
}

function gradesOf(answerId: string) {
  return getDb().select().from(grades).where(eq(grades.answerId, answerId)).all();
}

function roundAnswers(roundId: string) {
  const rqs = getDb()
    .select()
    .from(roundQuestions)
    .where(eq(roundQuestions.roundId, roundId))
    .all();
  return getDb()
    .select()
    .from(answers)
    .where(
      inArray(
        answers.roundQuestionId,
        rqs.map((rq) => rq.id),
      ),
    )
    .all();
}

describe("skipped questions", () => {
  test("a question opened and left to expire with nothing written is skipped, never graded", async () => {
    const roundId = await startRound(1);
    await open(roundId, 1);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 2 * 60_000);
    const page = await open(roundId, 1);
    expect(page.answer.submittedAt).toBeInstanceOf(Date);
    expect(page.answer.skipped).toBe(true);
    expect(page.answer.grade).toBeNull();
    expect(page.gradeStreamUrl).toBeNull();
    expect(gradesOf(page.answer.id)).toEqual([]);
    // Shown as skipped, stored by the next write (here the answer page's own post).
    expect(roundAnswers(roundId)[0]!.submittedAt).toBeNull();
    expect((await post_(roundId, 1, { intent: "grade" })).status).toBe(400);
    expect(roundAnswers(roundId)[0]).toMatchObject({ skipped: true, timedOut: true, text: "" });
    expect(gradesOf(page.answer.id)).toEqual([]);
  });

  test("an empty answer posted after the deadline (the page's clock ran out) is skipped", async () => {
    const roundId = await startRound(1);
    await open(roundId, 1);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 61_000);
    expect((await post_(roundId, 1, { intent: "submit", answer: "   " })).status).toBe(302);
    const [row] = roundAnswers(roundId);
    expect(row).toMatchObject({ skipped: true, timedOut: false }); // within the grace period
    expect(gradesOf(row!.id)).toEqual([]);
  });

  test("skipping on purpose keeps what was typed, grades nothing, and cannot be graded later", async () => {
    const roundId = await startRound(1);
    await open(roundId, 1);
    expect(
      (await post_(roundId, 1, { intent: "skip", answer: "half a thought about resources" }))
        .status,
    ).toBe(302);
    const [row] = roundAnswers(roundId);
    expect(row).toMatchObject({
      skipped: true,
      timedOut: false,
      text: "half a thought about resources",
    });
    expect(row!.submittedAt).toBeInstanceOf(Date);
    expect((await post_(roundId, 1, { intent: "grade" })).status).toBe(400);
    const stream = await run(
      streamAction,
      post(`${path(roundId, 1)}/grade-stream?slot=0`, {}, { cookie: alice.cookie }),
      params(roundId, 1),
    );
    expect(stream.status).toBe(404);
    expect(gradesOf(row!.id)).toEqual([]);
    // A second post (another tab) changes nothing.
    expect((await post_(roundId, 1, { intent: "submit", answer: GOOD_ANSWER })).status).toBe(302);
    expect(roundAnswers(roundId)[0]).toMatchObject({
      skipped: true,
      text: "half a thought about resources",
    });
  });

  test("skip with no answer field and a too-long answer: one is fine, the other a 400 that changes nothing", async () => {
    const roundId = await startRound(1);
    await open(roundId, 1);
    expect((await post_(roundId, 1, { intent: "skip", answer: "x".repeat(20_001) })).status).toBe(
      400,
    );
    expect(roundAnswers(roundId)[0]!.submittedAt).toBeNull();
    expect((await post_(roundId, 1, { intent: "skip" })).status).toBe(302);
    expect(roundAnswers(roundId)[0]).toMatchObject({ skipped: true, text: "" });
  });

  test("an empty submit before the deadline is still refused with a sentence, not skipped", async () => {
    const roundId = await startRound(1);
    await open(roundId, 1);
    const result = await post_(roundId, 1, { intent: "submit", answer: "" });
    expect(result.status).toBe(400);
    expect(refusalOf(result.data).errors.form).toEqual([
      "Write an answer before submitting, or skip the question.",
    ]);
    expect(roundAnswers(roundId)[0]!.submittedAt).toBeNull();
  });
});

describe("skipped and not-assessed answers count in no figure", () => {
  test("the round average, the export, progress and the queue hold only the graded answer", async () => {
    const roundId = await startRound(3);
    await open(roundId, 1);
    expect((await post_(roundId, 1, { intent: "submit", answer: GOOD_ANSWER })).status).toBe(302);
    await startQuestion(alice, roundId, 2);
    expect((await post_(roundId, 2, { intent: "skip", answer: "" })).status).toBe(302);
    await startQuestion(alice, roundId, 3);
    expect((await post_(roundId, 3, { intent: "submit", answer: GERMAN })).status).toBe(302);

    const rows = roundAnswers(roundId);
    const rqs = getDb()
      .select()
      .from(roundQuestions)
      .where(eq(roundQuestions.roundId, roundId))
      .all();
    const byPosition = (p: number) =>
      rows.find((a) => a.roundQuestionId === rqs.find((rq) => rq.position === p)!.id)!;
    const [graded] = gradesOf(byPosition(1).id);
    expect(graded!.overall).toEqual(expect.any(Number));
    expect(gradesOf(byPosition(2).id)).toEqual([]);
    const [german] = gradesOf(byPosition(3).id);
    expect(german).toMatchObject({ overall: null, nonEnglish: true });

    const report = await run(reportLoader, get(`/rounds/${roundId}/report`, alice.cookie), {
      roundId,
    });
    expect((report.data as { average: number | null }).average).toBe(graded!.overall);

    const markdown = (
      await run(exportLoader, get(`/rounds/${roundId}/export.md`, alice.cookie), { roundId })
    ).data as string;
    expect(markdown).toContain(`- Overall (round average): ${graded!.overall!.toFixed(1)}`);
    expect(markdown).toContain("_Skipped: not graded, and in no score._");
    expect(markdown).toContain("**Overall:** not assessed");

    const queue = loadQueue(alice.user.id, new Date());
    expect(queue.map((q) => q.questionId)).toEqual([
      rqs.find((rq) => rq.position === 1)!.questionId,
    ]);

    const progress = loadProgress(alice.user.id)!;
    expect(progress.answers).toBe(1);
  });

  test("a user whose only answer is not assessed has no progress and an empty queue", async () => {
    const roundId = await startRound(1);
    await open(roundId, 1);
    expect((await post_(roundId, 1, { intent: "submit", answer: GERMAN })).status).toBe(302);
    expect(loadProgress(alice.user.id)).toBeNull();
    expect(loadQueue(alice.user.id, new Date())).toEqual([]);
    const report = await run(reportLoader, get(`/rounds/${roundId}/report`, alice.cookie), {
      roundId,
    });
    expect((report.data as { average: number | null }).average).toBeNull();
  });
});
