import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { ownedBy } from "../../db/owned-by";
import {
  answers,
  criterionScores,
  grades,
  recordings,
  roundQuestions,
  rounds,
} from "../../db/schema";
import { getDb } from "~/db.server";
import { takeRound, type TestUser } from "../utils/review";
import { createSignedInUser } from "../utils/routes";

/** Issue 16: one way to ask for "rows this user owns", following round → question → answer → grade → score. */

let alice: TestUser;
let bob: TestUser;
let carol: TestUser;

/** Every row of a table below the round, grouped by the user whose round it hangs from, joined by hand. */
function ownersByHand() {
  const db = getDb();
  const chain = db
    .select({
      userId: rounds.userId,
      roundQuestionId: roundQuestions.id,
      answerId: answers.id,
      gradeId: grades.id,
      scoreId: sql<string | null>`${criterionScores.gradeId} || '#' || ${criterionScores.position}`,
    })
    .from(rounds)
    .leftJoin(roundQuestions, eq(roundQuestions.roundId, rounds.id))
    .leftJoin(answers, eq(answers.roundQuestionId, roundQuestions.id))
    .leftJoin(grades, eq(grades.answerId, answers.id))
    .leftJoin(criterionScores, eq(criterionScores.gradeId, grades.id))
    .all();
  const of = (userId: string, key: "roundQuestionId" | "answerId" | "gradeId" | "scoreId") =>
    [
      ...new Set(chain.filter((r) => r.userId === userId && r[key] !== null).map((r) => r[key])),
    ].sort();
  return of;
}

const sorted = (values: (string | number)[]) => [...values].sort();

beforeAll(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
  carol = await createSignedInUser("carol");
  await takeRound(alice, { count: 2 });
  await takeRound(alice, { count: 1 });
  await takeRound(bob, { count: 1 });
  // Carol has an account and nothing else: every predicate must give her nothing.
  const db = getDb();
  for (const answer of db.select({ id: answers.id }).from(answers).all()) {
    const at = new Date("2026-03-01T10:00:00Z");
    db.insert(recordings)
      .values({
        answerId: answer.id,
        mimeType: "audio/webm",
        bytes: 1,
        durationMs: 1000,
        status: "failed",
        failureReason: "test",
        createdAt: at,
        updatedAt: at,
        audio: Buffer.from("x"),
      })
      .run();
  }
}, 60_000);

describe("ownedBy", () => {
  test("each predicate selects exactly the rows below the user's rounds, for every user", () => {
    const db = getDb();
    const byHand = ownersByHand();
    for (const who of [alice, bob, carol]) {
      const id = who.user.id;
      expect(
        sorted(
          db
            .select({ id: rounds.id })
            .from(rounds)
            .where(ownedBy.round(id))
            .all()
            .map((r) => r.id),
        ),
      ).toEqual(
        sorted(
          db
            .select({ id: rounds.id })
            .from(rounds)
            .where(eq(rounds.userId, id))
            .all()
            .map((r) => r.id),
        ),
      );
      const questions = db
        .select({ id: roundQuestions.id })
        .from(roundQuestions)
        .where(ownedBy.roundQuestion(id))
        .all();
      expect(sorted(questions.map((r) => r.id))).toEqual(byHand(id, "roundQuestionId"));
      const ownAnswers = db
        .select({ id: answers.id })
        .from(answers)
        .where(ownedBy.answer(id))
        .all();
      expect(sorted(ownAnswers.map((r) => r.id))).toEqual(byHand(id, "answerId"));
      const ownGrades = db.select({ id: grades.id }).from(grades).where(ownedBy.grade(id)).all();
      expect(sorted(ownGrades.map((r) => r.id))).toEqual(byHand(id, "gradeId"));
      const scores = db
        .select({
          id: sql<string>`${criterionScores.gradeId} || '#' || ${criterionScores.position}`,
        })
        .from(criterionScores)
        .where(ownedBy.criterionScore(id))
        .all();
      expect(sorted(scores.map((r) => r.id))).toEqual(byHand(id, "scoreId"));
      const ownRecordings = db
        .select({ id: recordings.answerId })
        .from(recordings)
        .where(ownedBy.recording(id))
        .all();
      expect(sorted(ownRecordings.map((r) => r.id))).toEqual(byHand(id, "answerId"));
    }
  });

  test("the seeded data gives the check something to tell apart", () => {
    const byHand = ownersByHand();
    expect(byHand(alice.user.id, "scoreId").length).toBeGreaterThan(0);
    expect(byHand(bob.user.id, "scoreId").length).toBeGreaterThan(0);
    expect(byHand(alice.user.id, "answerId")).not.toEqual(byHand(bob.user.id, "answerId"));
    expect(byHand(carol.user.id, "answerId")).toEqual([]);
  });

  test("an unknown or hostile user id owns nothing", () => {
    const db = getDb();
    for (const id of ["", "no-such-user", "' OR 1=1 --", alice.user.id.toUpperCase()]) {
      expect(db.select({ id: grades.id }).from(grades).where(ownedBy.grade(id)).all()).toEqual([]);
      expect(db.select({ id: answers.id }).from(answers).where(ownedBy.answer(id)).all()).toEqual(
        [],
      );
    }
  });
});
