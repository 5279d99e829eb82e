import { count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { roundQuestions, rounds, skillSelfScores } from "../../db/schema";
import { getDb } from "~/db.server";
import { action as readinessAction, loader as readinessLoader } from "~/routes/readiness/route";
import { createSignedInUser, get, post, run } from "../utils/routes";
import { takeRound, type TestUser } from "../utils/review";

interface ReadinessData {
  target: { role: string; band: string };
  matrix: {
    skill: string;
    frequency: number;
    self: number | null;
    measured: number | null;
    gap: number | null;
  }[];
  gaps: { skill: string }[];
  others: string[];
}

async function readiness(who: TestUser) {
  const outcome = await run(readinessLoader, get("/readiness", who.cookie));
  return outcome.data as ReadinessData;
}
const send = (who: TestUser, form: Record<string, string | string[]>, origin?: string) =>
  run(readinessAction, post("/readiness", form, { cookie: who.cookie, origin }));
const selfScores = (who: TestUser) =>
  getDb()
    .select({ skill: skillSelfScores.skill, score: skillSelfScores.score })
    .from(skillSelfScores)
    .where(eq(skillSelfScores.userId, who.user.id))
    .all();
const roundCount = (who: TestUser) =>
  getDb().select({ n: count() }).from(rounds).where(eq(rounds.userId, who.user.id)).get()!.n;

let alice: TestUser;
let bob: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

describe("the skill matrix", () => {
  test("lists the target's skills, most asked first, unrated and unmeasured at first", async () => {
    const data = await readiness(alice);
    expect(data.target).toEqual({ role: "backend", band: "3-5" });
    expect(data.matrix.length).toBeGreaterThan(5);
    const frequencies = data.matrix.map((s) => s.frequency);
    expect(frequencies).toEqual([...frequencies].sort((a, b) => b - a));
    expect(data.matrix.every((s) => s.self === null && s.measured === null && s.gap === null)).toBe(
      true,
    );
  });

  test("self-scores are saved and cleared per user; measured scores come from graded answers", async () => {
    const saved = await send(alice, {
      intent: "self-scores",
      skill: ["rest-api", "docker", "caching"],
      score: ["4", "2", ""],
    });
    expect(saved.status).toBe(302);
    expect(selfScores(alice).sort((a, b) => a.skill.localeCompare(b.skill))).toEqual([
      { skill: "docker", score: 2 },
      { skill: "rest-api", score: 4 },
    ]);
    await send(alice, { intent: "self-scores", skill: ["docker"], score: [""] });
    expect(selfScores(alice)).toEqual([{ skill: "rest-api", score: 4 }]);
    expect(selfScores(bob)).toEqual([]);

    await takeRound(alice, { kinds: [], skills: ["rest-api"] });
    const data = await readiness(alice);
    const rest = data.matrix.find((s) => s.skill === "rest-api")!;
    expect(rest.self).toBe(4);
    expect(rest.measured).toBeGreaterThanOrEqual(1);
    // Docker, its rating cleared and never answered, is still a gap to practise: among the top three or in "practise another skill".
    expect(data.matrix.find((s) => s.skill === "docker")).toMatchObject({ self: null, gap: null });
    expect([...data.gaps.map((g) => g.skill), ...data.others]).toContain("docker");
  });

  test("the target role and band change the matrix", async () => {
    expect((await send(alice, { intent: "target", role: "devops", band: "5-8" })).status).toBe(302);
    const data = await readiness(alice);
    expect(data.target).toEqual({ role: "devops", band: "5-8" });
    expect(data.matrix.map((s) => s.skill)).toContain("docker");
    expect((await readiness(bob)).target).toEqual({ role: "backend", band: "3-5" });
  });
});

describe("one-click practice for a gap", () => {
  test("starts a round of that skill's questions", async () => {
    const outcome = await send(alice, { intent: "practise", gap: "postgresql" });
    expect(outcome.status).toBe(302);
    const roundId = outcome.location!.split("/")[2]!;
    expect(outcome.location).toBe(`/rounds/${roundId}/questions/1`);
    const asked = getDb()
      .select()
      .from(roundQuestions)
      .where(eq(roundQuestions.roundId, roundId))
      .all();
    expect(asked.length).toBeGreaterThanOrEqual(1);
    expect(asked.every((q) => q.question.skills.includes("postgresql"))).toBe(true);
    const [round] = getDb().select().from(rounds).where(eq(rounds.id, roundId)).all();
    expect(round!.title).toBe("Skill gap: PostgreSQL");
  });
});

describe("bad input changes nothing", () => {
  test.each([
    ["no intent", {}],
    ["an unknown intent", { intent: "delete" }],
    ["an unknown role", { intent: "target", role: "manager", band: "3-5" }],
    ["an unknown band", { intent: "target", role: "backend", band: "99" }],
    ["a score out of range", { intent: "self-scores", skill: ["rest-api"], score: ["6"] }],
    ["a non-numeric score", { intent: "self-scores", skill: ["rest-api"], score: ["four"] }],
    ["more scores than skills", { intent: "self-scores", skill: ["rest-api"], score: ["3", "4"] }],
    [
      "a skill rated twice",
      { intent: "self-scores", skill: ["rest-api", "rest-api"], score: ["3", "4"] },
    ],
    ["an unknown skill", { intent: "self-scores", skill: ["cobol"], score: ["3"] }],
    ["an over-long skill", { intent: "self-scores", skill: ["x".repeat(41)], score: ["3"] }],
    ["no skills at all", { intent: "self-scores" }],
    ["practising an unknown skill", { intent: "practise", gap: "cobol" }],
    ["practising nothing", { intent: "practise", gap: "" }],
  ])("%s: 400", async (_name, form) => {
    await send(alice, { intent: "self-scores", skill: ["rest-api"], score: ["2"] });
    const outcome = await send(alice, form);
    expect(outcome.status).toBe(400);
    expect(selfScores(alice)).toEqual([{ skill: "rest-api", score: 2 }]);
    expect((await readiness(alice)).target).toEqual({ role: "backend", band: "3-5" });
    expect(roundCount(alice)).toBe(0);
  });

  test("signed-out and cross-site posts are refused", async () => {
    expect(
      (await run(readinessAction, post("/readiness", { intent: "practise", gap: "docker" })))
        .status,
    ).toBe(302);
    expect(
      (await send(alice, { intent: "practise", gap: "docker" }, "https://evil.example")).status,
    ).toBe(403);
    expect(roundCount(alice)).toBe(0);
  });
});
