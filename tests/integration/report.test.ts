import { beforeEach, expect, test, vi } from "vitest";
import { action as followUpAction } from "~/routes/rounds.$roundId.questions.$position.follow-ups.$slot/route";
import { loader as questionLoader } from "~/routes/rounds.$roundId.questions.$position._index/route";
import {
  handle as reportHandle,
  loader as reportLoader,
} from "~/routes/rounds.$roundId.report/route";
import { saveRecording } from "~/voice/recordings.server";
import type { RecordingView } from "~/voice/recording-view";
import {
  ReportQuestion,
  type ReportQuestionData,
} from "~/routes/rounds.$roundId.report/report-question";
import { createElement, Fragment, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createSignedInUser, get, post, run } from "../utils/routes";
import { startQuestion, takeRound, type TestUser } from "../utils/review";

// The report's questions rendered outside a router: a link is a plain anchor, and no root data
// (dates in UTC).
vi.mock("@remix-run/react", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@remix-run/react")>()),
  useRouteLoaderData: () => undefined,
  Link: ({ to, children }: { to: string; children: ReactNode }) =>
    createElement("a", { href: to }, children),
}));

interface ReportData {
  average: number | null;
  recordings: Record<string, RecordingView>;
  questions: {
    position: number;
    questionId: string;
    strongExample: string | null;
    time: { main: number; allowed: number; followUps: number; followUpCount: number } | null;
    main: {
      id: string;
      text: string;
      grade: {
        grade: {
          criteria: { evidence: string | null; rationale: string }[];
          insights: unknown;
          probes: unknown[];
        };
      } | null;
    } | null;
    followUps: { slot: number; text: string; grade: unknown }[];
  }[];
}

async function report(who: TestUser, roundId: string) {
  const outcome = await run(reportLoader, get(`/rounds/${roundId}/report`, who.cookie), {
    roundId,
  });
  return { status: outcome.status, data: outcome.data as ReportData };
}

let alice: TestUser;
let bob: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

test("the strong example appears only for answered questions", async () => {
  const roundId = await takeRound(alice, { count: 2, answers: [] });
  await run(questionLoader, get(`/rounds/${roundId}/questions/1`, alice.cookie), {
    roundId,
    position: "1",
  });
  const before = await report(alice, roundId);
  expect(before.data.questions.map((q) => q.strongExample)).toEqual([null, null]);
  expect(before.data.average).toBeNull();
  const answeredRound = await takeRound(alice, { count: 1 });
  const after = await report(alice, answeredRound);
  expect(after.data.questions[0]!.strongExample).toBeTruthy();
});

test("each question carries its answer, criterion evidence, insights, probes, probe answers and time used", async () => {
  const roundId = await takeRound(alice, { count: 1 });
  const path = `/rounds/${roundId}/questions/1/follow-ups/1`;
  const params = { roundId, position: "1", slot: "1" };
  await startQuestion(alice, roundId, 1, 1);
  const probeAnswer = "I would store an idempotency key with the result and return it on a retry.";
  await run(
    followUpAction,
    post(path, { intent: "submit", answer: probeAnswer }, { cookie: alice.cookie }),
    params,
  );

  const { status, data } = await report(alice, roundId);
  expect(status).toBe(200);
  const [q] = data.questions;
  expect(q!.questionId).toMatch(/^[a-z0-9-]+$/);
  expect(q!.main!.grade!.grade.criteria.length).toBeGreaterThanOrEqual(3);
  expect(q!.main!.grade!.grade.criteria.every((c) => c.rationale.length > 0)).toBe(true);
  expect(q!.main!.grade!.grade.insights).not.toBeNull();
  expect(q!.main!.grade!.grade.probes.length).toBeGreaterThanOrEqual(2);
  expect(q!.followUps).toHaveLength(1);
  expect(q!.followUps[0]).toMatchObject({ slot: 1, text: probeAnswer });
  expect(q!.followUps[0]!.grade).not.toBeNull();
  expect(q!.time).toMatchObject({ allowed: 300, followUpCount: 1 });
  expect(q!.time!.main).toBeGreaterThanOrEqual(0);
  expect(data.average).toBeGreaterThanOrEqual(1);
});

test("another user's round, and a malformed id, are 404s", async () => {
  const roundId = await takeRound(alice);
  expect((await report(bob, roundId)).status).toBe(404);
  expect((await report(alice, "x".repeat(500))).status).toBe(404);
});

test("the report carries each spoken answer's recording to play without a script, and loads none", async () => {
  expect(reportHandle.hydrate).toBe(false);
  const typed = await takeRound(alice, { count: 2 });
  const typedReport = (await report(alice, typed)).data;
  expect(typedReport.recordings).toEqual({});
  expect(renderReport(typed, typedReport)).not.toContain("<audio");

  const spoken = await takeRound(alice, { count: 2 });
  const before = (await report(alice, spoken)).data;
  const second = before.questions[1]!.main!.id;
  saveRecording(
    second,
    { audio: new Uint8Array([26, 69, 223, 163]), mimeType: "audio/webm", durationMs: 1000 },
    new Date(),
  );
  const after = (await report(alice, spoken)).data;
  expect(Object.keys(after.recordings)).toEqual([second]);
  // The second question's main answer (slot 0), versioned so a replaced recording is not served from cache.
  const audioUrl = after.recordings[second]!.audioUrl;
  expect(audioUrl).toMatch(new RegExp(`^/rounds/${spoken}/questions/2/recording\\?slot=0&v=\\d+$`));
  const html = renderReport(spoken, after);
  expect(html.match(/<audio /g)).toHaveLength(1);
  expect(html).toContain(`src="${audioUrl.replace("&", "&amp;")}"`);
  // Another round of the same user's is not touched by it.
  expect((await report(alice, typed)).data.recordings).toEqual({});
});

/** The report's questions as the server renders them. */
function renderReport(roundId: string, data: ReportData): string {
  return renderToStaticMarkup(
    createElement(
      Fragment,
      null,
      data.questions.map((q) =>
        createElement(ReportQuestion, {
          key: q.position,
          roundId,
          q: q as unknown as ReportQuestionData,
          recordings: data.recordings,
        }),
      ),
    ),
  );
}
