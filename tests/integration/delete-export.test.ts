import { count, eq, inArray } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import {
  answers,
  criterionScores,
  grades,
  roundQuestions,
  rounds,
  sessions,
} from "../../db/schema";
import { getDb } from "~/db.server";
import { loader as exportJsonLoader } from "~/routes/export[.json]/route";
import {
  action as deleteAction,
  loader as deleteLoader,
} from "~/routes/rounds.$roundId.delete/route";
import { loader as markdownLoader } from "~/routes/rounds.$roundId.export[.md]/route";
import { noticesAfter } from "../utils/notices";
import { createSignedInUser, get, post, run } from "../utils/routes";
import { action as newQuestionAction } from "~/routes/questions.new/route";
import { ownQuestion, questionForm } from "../utils/questions";
import { GOOD_ANSWER, STORY_ANSWER, takeRound, type TestUser } from "../utils/review";
import { writeStory } from "../utils/stories";

/** Writes a question of one's own through the real form and returns its slug. */
async function createCustomQuestion(who: TestUser, slug: string): Promise<string> {
  const outcome = await run(
    newQuestionAction,
    post("/questions/new", questionForm(ownQuestion(slug)), { cookie: who.cookie }),
  );
  expect(outcome.status, JSON.stringify(outcome.data)).toBe(302);
  return slug;
}

/** Row counts of everything hanging off a round. */
function footprint(roundId: string) {
  const db = getDb();
  const rqIds = db
    .select({ id: roundQuestions.id })
    .from(roundQuestions)
    .where(eq(roundQuestions.roundId, roundId))
    .all()
    .map((r) => r.id);
  const answerIds = rqIds.length
    ? db
        .select({ id: answers.id })
        .from(answers)
        .where(inArray(answers.roundQuestionId, rqIds))
        .all()
        .map((r) => r.id)
    : [];
  const gradeIds = answerIds.length
    ? db
        .select({ id: grades.id })
        .from(grades)
        .where(inArray(grades.answerId, answerIds))
        .all()
        .map((r) => r.id)
    : [];
  const scores = gradeIds.length
    ? db
        .select({ n: count() })
        .from(criterionScores)
        .where(inArray(criterionScores.gradeId, gradeIds))
        .get()!.n
    : 0;
  const round = db.select({ n: count() }).from(rounds).where(eq(rounds.id, roundId)).get()!.n;
  return {
    round,
    questions: rqIds.length,
    answers: answerIds.length,
    grades: gradeIds.length,
    scores,
  };
}

let alice: TestUser;
let bob: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

describe("deleting a round", () => {
  const confirm = (
    who: TestUser,
    roundId: string,
    form: Record<string, string> = { confirm: "delete" },
    origin?: string,
  ) =>
    run(deleteAction, post(`/rounds/${roundId}/delete`, form, { cookie: who.cookie, origin }), {
      roundId,
    });

  test("the confirmation page names the round and what goes with it", async () => {
    const roundId = await takeRound(alice, { count: 2 });
    const page = await run(deleteLoader, get(`/rounds/${roundId}/delete`, alice.cookie), {
      roundId,
    });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ round: { id: roundId }, answered: 2 });
  });

  test("confirming removes the round, its answers, grades and criterion scores, and nothing else", async () => {
    const roundId = await takeRound(alice, { count: 2 });
    const kept = await takeRound(alice);
    const before = footprint(roundId);
    expect(before).toMatchObject({ round: 1, questions: 2, answers: 2, grades: 2 });
    expect(before.scores).toBeGreaterThanOrEqual(6);
    const keptBefore = footprint(kept);

    const outcome = await confirm(alice, roundId);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/history");
    expect(await noticesAfter(outcome, alice.cookie)).toEqual([
      "The round and its answers and grades were deleted.",
      null,
    ]);
    expect(footprint(roundId)).toEqual({
      round: 0,
      questions: 0,
      answers: 0,
      grades: 0,
      scores: 0,
    });
    expect(footprint(kept)).toEqual(keptBefore);
  });

  test.each([
    ["no confirmation", {}],
    ["an empty confirmation", { confirm: "" }],
    ["a wrong confirmation", { confirm: "yes" }],
    ["an over-long confirmation", { confirm: "delete".repeat(1000) }],
  ])("%s is a 400 and deletes nothing", async (_name, form) => {
    const roundId = await takeRound(alice);
    const before = footprint(roundId);
    const outcome = await confirm(alice, roundId, form);
    expect(outcome.status).toBe(400);
    // A message for the whole form: the hidden confirmation has nowhere to show one.
    expect((outcome.data as { error: Record<string, string[]> }).error).toEqual({
      "": ["Confirm the deletion with the button."],
    });
    expect(footprint(roundId)).toEqual(before);
  });

  test("another user's round, an unknown id and a cross-site post delete nothing", async () => {
    const roundId = await takeRound(alice);
    const before = footprint(roundId);
    expect(
      (await run(deleteLoader, get(`/rounds/${roundId}/delete`, bob.cookie), { roundId })).status,
    ).toBe(404);
    expect((await confirm(bob, roundId)).status).toBe(404);
    expect((await confirm(alice, "no-such-round")).status).toBe(404);
    expect(
      (await confirm(alice, roundId, { confirm: "delete" }, "https://evil.example")).status,
    ).toBe(403);
    expect(footprint(roundId)).toEqual(before);
  });
});

describe("exports", () => {
  test("a round as Markdown: the answer, the criteria with evidence, the probes, the strong example", async () => {
    const roundId = await takeRound(alice);
    const outcome = await run(markdownLoader, get(`/rounds/${roundId}/export.md`, alice.cookie), {
      roundId,
    });
    expect(outcome.status).toBe(200);
    expect(outcome.headers.get("Content-Type")).toBe("text/markdown; charset=utf-8");
    expect(outcome.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="rehearse-round-\d{4}-\d\d-\d\d-[0-9a-f]{8}\.md"$/,
    );
    const markdown = outcome.data as string;
    expect(markdown).toMatch(/^# Practice: concept\n/);
    expect(markdown).toContain(`> ${GOOD_ANSWER}`);
    expect(markdown).toContain("| Criterion | Score | What earned it | Why |");
    expect(markdown).toMatch(/\*\*Overall:\*\* \d\.\d \/ 5/);
    expect(markdown).toContain("### Follow-up probes");
    expect(markdown).toContain("### Strong example answer");
  });

  test("the Markdown of another user's round is a 404", async () => {
    const roundId = await takeRound(alice);
    expect(
      (await run(markdownLoader, get(`/rounds/${roundId}/export.md`, bob.cookie), { roundId }))
        .status,
    ).toBe(404);
  });

  test("all of a user's data as JSON: their rounds only, every grade, no secrets", async () => {
    const roundId = await takeRound(alice, { count: 2 });
    await takeRound(bob);
    const outcome = await run(exportJsonLoader, get("/export.json", alice.cookie));
    expect(outcome.status).toBe(200);
    expect(outcome.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(outcome.headers.get("Content-Disposition")).toContain(
      `rehearse-${alice.user.username}-`,
    );
    const exported = outcome.data as {
      user: { username: string };
      rounds: {
        id: string;
        questions: {
          question: { id: string };
          answers: { text: string; grades: { overall: number; criteria: unknown[] }[] }[];
        }[];
      }[];
    };
    expect(exported.user.username).toBe(alice.user.username);
    expect(exported.rounds.map((r) => r.id)).toEqual([roundId]);
    const [first] = exported.rounds[0]!.questions;
    expect(first!.question.id).toMatch(/^[a-z0-9-]+$/);
    expect(first!.answers[0]!.text).toBe(GOOD_ANSWER);
    expect(first!.answers[0]!.grades[0]!.criteria.length).toBeGreaterThanOrEqual(3);
    const raw = JSON.stringify(exported);
    expect(raw).not.toContain("passwordHash");
    expect(raw).not.toContain("scrypt$");
    for (const session of getDb()
      .select()
      .from(sessions)
      .where(eq(sessions.userId, alice.user.id))
      .all()) {
      expect(raw).not.toContain(session.id);
    }
    expect(raw).not.toContain(bob.user.id);
  });

  test("the export holds the user's stories, the answers each was told in, and their own questions", async () => {
    const roundId = await takeRound(alice, { kinds: ["behavioural"], answers: [STORY_ANSWER] });
    const answerId = getDb()
      .select({ id: answers.id })
      .from(answers)
      .innerJoin(roundQuestions, eq(roundQuestions.id, answers.roundQuestionId))
      .where(eq(roundQuestions.roundId, roundId))
      .get()!.id;
    const told = await writeStory(alice, { title: "Alice's told story", answerId });
    await writeStory(alice, { title: "Alice's untold story" });
    await writeStory(bob, { title: "Bob's story" });
    const slug = await createCustomQuestion(alice, "alices-queue-question");
    await createCustomQuestion(bob, "bobs-queue-question");

    const exported = (await run(exportJsonLoader, get("/export.json", alice.cookie))).data as {
      stories: { id: string; title: string; answerIds: string[] }[];
      customQuestions: { id: string }[];
    };
    expect(exported.stories.map((s) => s.title).sort()).toEqual([
      "Alice's told story",
      "Alice's untold story",
    ]);
    expect(exported.stories.find((s) => s.id === told)!.answerIds).toEqual([answerId]);
    expect(exported.customQuestions.map((q) => q.id)).toEqual([slug]);
    expect(JSON.stringify(exported)).not.toContain(bob.user.id);
  });

  test("signed-out visitors get no export", async () => {
    expect((await run(exportJsonLoader, get("/export.json"))).status).toBe(302);
  });
});
