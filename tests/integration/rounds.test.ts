import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test, vi, afterEach } from "vitest";
import { answers, grades, roundQuestions, rounds } from "../../db/schema";
import { getDb } from "~/db.server";
import { ANSWER_MAX } from "~/rounds/round-limits";
import { loader as reportLoader } from "~/routes/rounds.$roundId.report/route";
import { loader as resumeLoader } from "~/routes/rounds.$roundId._index/route";
import {
  action as followUpAction,
  loader as followUpLoader,
} from "~/routes/rounds.$roundId.questions.$position.follow-ups.$slot/route";
import {
  action as questionAction,
  loader as questionLoader,
} from "~/routes/rounds.$roundId.questions.$position._index/route";
import { action as draftAction } from "~/routes/rounds.$roundId.questions.$position.draft/route";
import { action as startAction } from "~/routes/rounds.$roundId.questions.$position.start/route";
import { action as newRoundAction, loader as newRoundLoader } from "~/routes/rounds.new/route";
import { createSignedInUser, get, post, run, type Outcome } from "../utils/routes";
import { refusalOf } from "../utils/replies";

const GOOD_ANSWER =
  "REST models the domain as resources such as /orders/42 identified by URIs. The HTTP method carries the intent: GET reads and POST creates, " +
  "and GET is idempotent so it is safe to retry. Each request is stateless because it carries its own token, which lets any instance serve it.";

type Alice = Awaited<ReturnType<typeof createSignedInUser>>;

async function startRound(who: Alice, form: Record<string, string | string[]> = {}) {
  const result = await run(
    newRoundAction,
    post(
      "/rounds/new",
      { band: "3-5", count: "2", minutes: "5", kinds: ["concept"], ...form },
      { cookie: who.cookie },
    ),
  );
  expect(result.status).toBe(302);
  const roundId = result.location!.split("/")[2]!;
  return { roundId, location: result.location! };
}

function questionPath(roundId: string, position = 1) {
  return `/rounds/${roundId}/questions/${position}`;
}

/** Presses Start (the POST that starts the clock), then reads the page it redirects to. */
async function openQuestion(who: Alice, roundId: string, position = 1) {
  const params = { roundId, position: String(position) };
  const started = await run(
    startAction,
    post(`${questionPath(roundId, position)}/start`, {}, { cookie: who.cookie }),
    params,
  );
  expect(started).toMatchObject({ status: 302, location: questionPath(roundId, position) });
  return run(questionLoader, get(questionPath(roundId, position), who.cookie), params);
}

async function postAnswer(who: Alice, roundId: string, form: Record<string, string>, position = 1) {
  return run(questionAction, post(questionPath(roundId, position), form, { cookie: who.cookie }), {
    roundId,
    position: String(position),
  });
}

/** The answer box's autosave, as the page's fetch posts it. */
async function saveDraft(who: Alice, roundId: string, answer: string, position = 1) {
  return run(
    draftAction,
    post(`${questionPath(roundId, position)}/draft?slot=0`, { answer }, { cookie: who.cookie }),
    {
      roundId,
      position: String(position),
    },
  );
}

function answerRows(roundId: string) {
  return getDb()
    .select({ answer: answers })
    .from(answers)
    .innerJoin(roundQuestions, eq(roundQuestions.id, answers.roundQuestionId))
    .where(eq(roundQuestions.roundId, roundId))
    .all()
    .map((r) => r.answer);
}

let alice: Alice;
let bob: Alice;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});
afterEach(() => {
  vi.useRealTimers();
});

describe("starting a round", () => {
  test("the form lists the bank's skills; signed-out users are sent to log in", async () => {
    const page = await run(newRoundLoader, get("/rounds/new", alice.cookie));
    expect((page.data as { skills: string[] }).skills).toContain("rest-api");
    const anonymous = await run(newRoundLoader, get("/rounds/new"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe("/login?redirectTo=%2Frounds%2Fnew");
  });

  test("creates the round with its questions and per-question clocks", async () => {
    const { roundId, location } = await startRound(alice);
    expect(location).toBe(questionPath(roundId));
    const qs = getDb()
      .select()
      .from(roundQuestions)
      .where(eq(roundQuestions.roundId, roundId))
      .all();
    expect(qs).toHaveLength(2);
    expect(qs.every((q) => q.secondsAllowed === 300 && q.question.kind === "concept")).toBe(true);
  });

  test("empty minutes uses each question's own time", async () => {
    const { roundId } = await startRound(alice, { minutes: "", count: "1", kinds: ["design"] });
    const [q] = getDb()
      .select()
      .from(roundQuestions)
      .where(eq(roundQuestions.roundId, roundId))
      .all();
    expect(q!.secondsAllowed).toBe(q!.question.minutes * 60);
  });

  test.each([
    ["zero questions", { count: "0" }, "count"],
    ["eleven questions", { count: "11" }, "count"],
    ["non-numeric count", { count: "lots" }, "count"],
    ["unknown band", { band: "99" }, "band"],
    ["unknown kind", { kinds: ["poetry"] }, "kinds"],
    ["minutes too long", { minutes: "61" }, "minutes"],
    ["minutes malformed", { minutes: "1e9x" }, "minutes"],
  ])("%s: 400 with a field message and no round", async (_name, form, field) => {
    const result = await run(
      newRoundAction,
      post(
        "/rounds/new",
        { band: "3-5", count: "2", minutes: "5", ...form },
        { cookie: alice.cookie },
      ),
    );
    expect(result.status).toBe(400);
    // Said of the field or of one of its items (kinds[0]), as the field shows both.
    const { fields } = refusalOf(result.data).errors;
    const messages = Object.entries(fields)
      .filter(([name]) => name === field || name.startsWith(`${field}[`))
      .flatMap(([, errors]) => errors ?? []);
    expect(messages.length).toBeGreaterThan(0);
    expect(getDb().select().from(rounds).where(eq(rounds.userId, alice.user.id)).all()).toEqual([]);
  });

  test("an unknown skill, or a choice nothing matches, is a clear 400", async () => {
    const unknown = await run(
      newRoundAction,
      post("/rounds/new", { band: "3-5", count: "2", skills: ["cobol"] }, { cookie: alice.cookie }),
    );
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.data)).toContain("Unknown skill: cobol");
    const none = await run(
      newRoundAction,
      post("/rounds/new", { band: "0-2", count: "2", kinds: ["design"] }, { cookie: alice.cookie }),
    );
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.data)).toContain(
      "No question for that band matches both the kinds and the skills you ticked",
    );
    // One ticked box comes back as its value, as Conform echoes a lone value.
    expect([refusalOf(none.data).values.kinds].flat()).toEqual(["design"]);
  });

  test("a cross-site post cannot start a round", async () => {
    const result = await run(
      newRoundAction,
      post(
        "/rounds/new",
        { band: "3-5", count: "2" },
        { cookie: alice.cookie, origin: "https://evil.example" },
      ),
    );
    expect(result.status).toBe(403);
  });
});

describe("answering against the server clock", () => {
  test("opening a question starts its clock once; reopening shows the same deadline and draft", async () => {
    const { roundId } = await startRound(alice);
    const first = (await openQuestion(alice, roundId)).data as {
      answer: { deadlineAt: Date; text: string };
    };
    expect((await saveDraft(alice, roundId, "draft text")).data).toMatchObject({ ok: true });
    const second = (await openQuestion(alice, roundId)).data as {
      answer: { deadlineAt: Date; text: string };
    };
    expect(second.answer.deadlineAt).toEqual(first.answer.deadlineAt);
    expect(second.answer.text).toBe("draft text");
    expect(answerRows(roundId)).toHaveLength(1);
  });

  test("submitting saves the answer, then grades it with the offline grader", async () => {
    const { roundId } = await startRound(alice);
    await openQuestion(alice, roundId);
    const result = await postAnswer(alice, roundId, { intent: "submit", answer: GOOD_ANSWER });
    expect(result.status).toBe(302);
    const [row] = answerRows(roundId);
    expect(row!.text).toBe(GOOD_ANSWER);
    expect(row!.submittedAt).toBeInstanceOf(Date);
    expect(row!.timedOut).toBe(false);
    const grade = getDb().select().from(grades).where(eq(grades.answerId, row!.id)).get()!;
    expect(grade.grader).toBe("offline");
    const page = (await openQuestion(alice, roundId)).data as {
      answer: { grade: { grade: { overall: number; criteria: unknown[]; probes: unknown[] } } };
      question: { strongExample: string | null };
    };
    expect(page.answer.grade.grade.criteria.length).toBeGreaterThanOrEqual(3);
    expect(page.answer.grade.grade.probes.length).toBeGreaterThanOrEqual(2);
    expect(page.question.strongExample).toBeTruthy();
  });

  test("the strong example stays hidden until the answer is submitted", async () => {
    const { roundId } = await startRound(alice);
    const page = (await openQuestion(alice, roundId)).data as {
      question: { strongExample: string | null };
    };
    expect(page.question.strongExample).toBeNull();
  });

  test.each([
    ["empty", ""],
    ["whitespace", "   \n\t "],
  ])("an %s answer before the deadline is a 400 and nothing is submitted", async (_name, text) => {
    const { roundId } = await startRound(alice);
    await openQuestion(alice, roundId);
    const result = await postAnswer(alice, roundId, { intent: "submit", answer: text });
    expect(result.status).toBe(400);
    // Conform echoes an empty box as no value, which the page shows as an empty box.
    expect(refusalOf(result.data).values.answer ?? "").toBe(text);
    expect(answerRows(roundId)[0]!.submittedAt).toBeNull();
  });

  test("an answer over the limit is a 400 with the text kept and nothing saved", async () => {
    const { roundId } = await startRound(alice);
    await openQuestion(alice, roundId);
    const tooLong = "x".repeat(ANSWER_MAX + 1);
    const result = await postAnswer(alice, roundId, { intent: "submit", answer: tooLong });
    expect(result.status).toBe(400);
    expect(refusalOf(result.data).values.answer).toBe(tooLong);
    // The autosave says why, without echoing the text back (the answer box still has it).
    const draft = await saveDraft(alice, roundId, tooLong);
    expect(draft.status).toBe(400);
    expect(draft.data).toEqual({
      ok: false,
      error: expect.stringMatching(/^Keep the answer under/),
    });
    const [row] = answerRows(roundId);
    expect(row!.text).toBe("");
    expect(row!.submittedAt).toBeNull();
  });

  test.each([
    ["unknown intent", { intent: "delete", answer: "x" }],
    ["no intent", { answer: "x" }],
    ["no answer field", { intent: "submit" }],
  ])("a malformed post (%s) is a 400", async (_name, form) => {
    const { roundId } = await startRound(alice);
    await openQuestion(alice, roundId);
    const result = await postAnswer(alice, roundId, form);
    expect(result.status).toBe(400);
    expect(answerRows(roundId)[0]!.submittedAt).toBeNull();
  });

  test("a submission after the deadline is kept and marked timed out", async () => {
    const { roundId } = await startRound(alice, { minutes: "1" });
    await openQuestion(alice, roundId);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 2 * 60_000);
    const result = await postAnswer(alice, roundId, { intent: "submit", answer: GOOD_ANSWER });
    expect(result.status).toBe(302);
    const [row] = answerRows(roundId);
    expect(row!.text).toBe(GOOD_ANSWER);
    expect(row!.timedOut).toBe(true);
  });

  test("once the clock ran out, an empty answer is recorded rather than refused", async () => {
    const { roundId } = await startRound(alice, { minutes: "1" });
    await openQuestion(alice, roundId);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 61_000);
    const result = await postAnswer(alice, roundId, { intent: "submit", answer: "" });
    expect(result.status).toBe(302);
    expect(answerRows(roundId)[0]!.submittedAt).toBeInstanceOf(Date);
  });

  test("an abandoned answer reads as submitted with its draft once the clock is past; the next write stores and grades it", async () => {
    const { roundId } = await startRound(alice, { minutes: "1" });
    await openQuestion(alice, roundId);
    await saveDraft(alice, roundId, "half an answer about resources");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 10 * 60_000);
    const params = { roundId, position: "1" };
    type Page = {
      answer: {
        submittedAt: Date | null;
        timedOut: boolean;
        skipped: boolean;
        text: string;
        grade: unknown;
      };
      gradeStreamUrl: string | null;
    };
    const page = (await run(questionLoader, get(questionPath(roundId), alice.cookie), params))
      .data as Page;
    expect(page.answer).toMatchObject({
      timedOut: true,
      skipped: false,
      text: "half an answer about resources",
      grade: null,
    });
    expect(page.answer.submittedAt).toBeInstanceOf(Date);
    expect(page.gradeStreamUrl).toBe(`${questionPath(roundId)}/grade-stream?slot=0`);
    // Shown, not stored: the read wrote nothing.
    expect(answerRows(roundId)[0]!.submittedAt).toBeNull();

    // The next write (here, starting question 2) stores the submission as shown, then grades it.
    const abandoned = answerRows(roundId)[0]!.id;
    await openQuestion(alice, roundId, 2);
    const row = answerRows(roundId).find((a) => a.id === abandoned)!;
    expect(row.submittedAt?.getTime()).toBe(page.answer.submittedAt!.getTime());
    expect(row).toMatchObject({
      timedOut: true,
      skipped: false,
      text: "half an answer about resources",
    });
    const after = (await run(questionLoader, get(questionPath(roundId), alice.cookie), params))
      .data as Page;
    expect(after.answer.grade).not.toBeNull();
  });

  test("a draft that arrives after the clock ran out is kept and submitted with the answer", async () => {
    const { roundId } = await startRound(alice, { minutes: "1" });
    await openQuestion(alice, roundId);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 2 * 60_000);
    const late = await saveDraft(alice, roundId, "typed while the laptop slept");
    expect(late.status).toBe(409);
    expect(late.data).toEqual({ ok: false, error: expect.stringMatching(/Time is up/) });
    const [row] = answerRows(roundId);
    expect(row).toMatchObject({
      text: "typed while the laptop slept",
      timedOut: true,
      skipped: false,
    });
    expect(row!.submittedAt).toBeInstanceOf(Date);
    expect(getDb().select().from(grades).where(eq(grades.answerId, row!.id)).all()).toHaveLength(1);
  });

  test("a second submission (another tab) changes nothing; drafts after submit are refused", async () => {
    const { roundId } = await startRound(alice);
    await openQuestion(alice, roundId);
    await postAnswer(alice, roundId, { intent: "submit", answer: GOOD_ANSWER });
    const again = await postAnswer(alice, roundId, { intent: "submit", answer: "something else" });
    expect(again.status).toBe(302);
    const draft = await saveDraft(alice, roundId, "late draft");
    expect(draft.status).toBe(409);
    expect(draft.data).toEqual({ ok: false, error: expect.stringMatching(/already submitted/) });
    const [row] = answerRows(roundId);
    expect(row!.text).toBe(GOOD_ANSWER);
    expect(getDb().select().from(grades).where(eq(grades.answerId, row!.id)).all()).toHaveLength(1);
  });

  test("posting to a question never opened is a 404", async () => {
    const { roundId } = await startRound(alice);
    const result = await postAnswer(alice, roundId, { intent: "submit", answer: GOOD_ANSWER }, 2);
    expect(result.status).toBe(404);
  });
});

describe("follow-up probes", () => {
  test("a probe can be answered on a shorter clock and is graded too", async () => {
    const { roundId } = await startRound(alice);
    await openQuestion(alice, roundId);
    await postAnswer(alice, roundId, { intent: "submit", answer: GOOD_ANSWER });
    const params = { roundId, position: "1", slot: "1" };
    const path = `${questionPath(roundId)}/follow-ups/1`;
    // Unopened, the follow-up shows its Start page; "Answer follow-up 1" posts there.
    expect(await run(followUpLoader, get(path, alice.cookie), params)).toMatchObject({
      status: 302,
      location: `${questionPath(roundId)}/start?slot=1`,
    });
    const started = await run(
      startAction,
      post(`${questionPath(roundId)}/start?slot=1`, {}, { cookie: alice.cookie }),
      { roundId, position: "1" },
    );
    expect(started).toMatchObject({ status: 302, location: path });
    const page = (await run(followUpLoader, get(path, alice.cookie), params)).data as {
      answer: { probe: { question: string }; secondsAllowed: number };
    };
    expect(page.answer.probe.question).toMatch(/\?$/);
    expect(page.answer.secondsAllowed).toBeLessThan(300);
    const submitted = await run(
      followUpAction,
      post(
        path,
        { intent: "submit", answer: "I would use an idempotency key stored with the result." },
        { cookie: alice.cookie },
      ),
      params,
    );
    expect(submitted.status).toBe(302);
    const after = (await run(followUpLoader, get(path, alice.cookie), params)).data as {
      answer: { grade: unknown };
    };
    expect(after.answer.grade).not.toBeNull();
  });

  test("a follow-up before the main answer is graded, or beyond the probes, is a 404", async () => {
    const { roundId } = await startRound(alice);
    await openQuestion(alice, roundId);
    const early = await run(
      followUpLoader,
      get(`${questionPath(roundId)}/follow-ups/1`, alice.cookie),
      {
        roundId,
        position: "1",
        slot: "1",
      },
    );
    expect(early.status).toBe(404);
    for (const slot of ["0", "4", "x"]) {
      const bad = await run(
        followUpLoader,
        get(`${questionPath(roundId)}/follow-ups/${slot}`, alice.cookie),
        {
          roundId,
          position: "1",
          slot,
        },
      );
      expect(bad.status).toBe(404);
    }
  });
});

describe("someone else's round is a 404 everywhere", () => {
  test("loaders and actions", async () => {
    const { roundId } = await startRound(alice);
    await openQuestion(alice, roundId);
    await postAnswer(alice, roundId, { intent: "submit", answer: GOOD_ANSWER });
    const params = { roundId, position: "1" };
    const checks: Outcome[] = [
      await run(questionLoader, get(questionPath(roundId), bob.cookie), params),
      await run(
        questionAction,
        post(questionPath(roundId), { intent: "submit", answer: "x" }, { cookie: bob.cookie }),
        params,
      ),
      await run(
        draftAction,
        post(`${questionPath(roundId)}/draft?slot=0`, { answer: "x" }, { cookie: bob.cookie }),
        params,
      ),
      await run(followUpLoader, get(`${questionPath(roundId)}/follow-ups/1`, bob.cookie), {
        ...params,
        slot: "1",
      }),
      await run(reportLoader, get(`/rounds/${roundId}/report`, bob.cookie), { roundId }),
      await run(resumeLoader, get(`/rounds/${roundId}`, bob.cookie), { roundId }),
    ];
    expect(checks.map((c) => c.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(answerRows(roundId)[0]!.text).toBe(GOOD_ANSWER);
  });

  test("unknown ids and positions are 404s too", async () => {
    const { roundId } = await startRound(alice);
    const outcomes = await Promise.all([
      run(questionLoader, get("/rounds/nope/questions/1", alice.cookie), {
        roundId: "nope",
        position: "1",
      }),
      run(questionLoader, get(questionPath(roundId, 3), alice.cookie), { roundId, position: "3" }),
      run(questionLoader, get(questionPath(roundId, 0), alice.cookie), {
        roundId,
        position: "abc",
      }),
      run(reportLoader, get("/rounds/nope/report", alice.cookie), { roundId: "nope" }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([404, 404, 404, 404]);
  });
});

describe("resume and report", () => {
  test("resuming goes to the first unanswered question, then to the report", async () => {
    const { roundId } = await startRound(alice);
    expect(
      (await run(resumeLoader, get(`/rounds/${roundId}`, alice.cookie), { roundId })).location,
    ).toBe(questionPath(roundId, 1));
    await openQuestion(alice, roundId, 1);
    await postAnswer(alice, roundId, { intent: "submit", answer: GOOD_ANSWER }, 1);
    expect(
      (await run(resumeLoader, get(`/rounds/${roundId}`, alice.cookie), { roundId })).location,
    ).toBe(questionPath(roundId, 2));
    await openQuestion(alice, roundId, 2);
    await postAnswer(alice, roundId, { intent: "submit", answer: GOOD_ANSWER }, 2);
    expect(
      (await run(resumeLoader, get(`/rounds/${roundId}`, alice.cookie), { roundId })).location,
    ).toBe(`/rounds/${roundId}/report`);
    const round = getDb().select().from(rounds).where(eq(rounds.id, roundId)).get()!;
    expect(round.finishedAt).toBeInstanceOf(Date);
    const report = (
      await run(reportLoader, get(`/rounds/${roundId}/report`, alice.cookie), { roundId })
    ).data as {
      average: number;
      questions: { main: { grade: unknown } }[];
    };
    expect(report.questions).toHaveLength(2);
    expect(report.questions.every((q) => q.main.grade)).toBe(true);
    expect(report.average).toBeGreaterThanOrEqual(1);
  });
});

describe("choosing a round's questions", () => {
  test("kinds and skills narrow together: concept + databases serves only concept questions about databases", async () => {
    const { roundId } = await startRound(alice, {
      kinds: ["concept"],
      skills: ["databases"],
      count: "10",
    });
    const rows = getDb()
      .select()
      .from(roundQuestions)
      .where(eq(roundQuestions.roundId, roundId))
      .all();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.question.kind).toBe("concept");
      expect(row.question.skills).toContain("databases");
    }
  });

  test("a kind and a skill that never meet: a 400 that says what to change, and no round", async () => {
    const before = getDb().select().from(rounds).all().length;
    const result = await run(
      newRoundAction,
      post(
        "/rounds/new",
        { band: "3-5", count: "2", kinds: ["behavioural"], skills: ["docker"] },
        { cookie: alice.cookie },
      ),
    );
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain(
      "matches both the kinds and the skills you ticked",
    );
    expect(getDb().select().from(rounds).all().length).toBe(before);
  });
});
