import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { roundQuestions } from "../../db/schema";
import { getDb } from "~/db.server";
import { getBank } from "~/question-bank/load-bank.server";
import { HISTORY_PAGE_SIZE } from "~/review/history-filters";
import { createRound } from "~/rounds/rounds.server";
import { loader as historyLoader } from "~/routes/history/route";
import { createSignedInUser, get, run } from "../utils/routes";
import { backdateRound, STORY_ANSWER, takeRound, type TestUser } from "../utils/review";

interface HistoryData {
  rounds: {
    id: string;
    title: string;
    overall: number | null;
    secondsUsed: number;
    answered: number;
    questions: number;
  }[];
  total: number;
  page: number;
  pages: number;
  errors: { fields: Record<string, string[] | undefined> } | null;
}

async function history(who: TestUser, query = "") {
  const outcome = await run(historyLoader, get(`/history${query}`, who.cookie));
  return { status: outcome.status, data: outcome.data as HistoryData };
}

let alice: TestUser;
let bob: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

describe("history", () => {
  test("signed-out visitors are sent to log in", async () => {
    const outcome = await run(historyLoader, get("/history?kind=design"));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/login?redirectTo=%2Fhistory%3Fkind%3Ddesign");
  });

  test("an empty history is an empty list", async () => {
    const { status, data } = await history(alice);
    expect(status).toBe(200);
    expect(data).toMatchObject({ rounds: [], total: 0, pages: 0 });
  });

  test("lists only the user's own rounds, newest first, with overall score and time used", async () => {
    const older = await takeRound(alice, { count: 2 });
    backdateRound(older, new Date(Date.now() - 60_000));
    const newer = await takeRound(alice, {
      count: 2,
      answers: ["An answer about resources and HTTP methods."],
    });
    await takeRound(bob);
    const { data } = await history(alice);
    expect(data.rounds.map((r) => r.id)).toEqual([newer, older]);
    const [n, o] = data.rounds;
    expect(o).toMatchObject({ questions: 2, answered: 2 });
    expect(o!.overall).toBeGreaterThanOrEqual(1);
    expect(o!.overall).toBeLessThanOrEqual(5);
    expect(o!.secondsUsed).toBeGreaterThanOrEqual(0);
    expect(n).toMatchObject({ questions: 2, answered: 1 });
  });

  test("filters by kind and by skill, using the questions each round asked", async () => {
    const concept = await takeRound(alice, { kinds: ["concept"] });
    const behavioural = await takeRound(alice, { kinds: ["behavioural"], answers: [STORY_ANSWER] });
    expect((await history(alice, "?kind=behavioural")).data.rounds.map((r) => r.id)).toEqual([
      behavioural,
    ]);
    expect((await history(alice, "?kind=concept")).data.rounds.map((r) => r.id)).toEqual([concept]);
    expect((await history(alice, "?kind=design")).data.rounds).toEqual([]);

    const skillsOf = (roundId: string) =>
      getDb()
        .select()
        .from(roundQuestions)
        .where(eq(roundQuestions.roundId, roundId))
        .all()
        .flatMap((q) => q.question.skills);
    // The rounds draw their questions at random, and a story question may share a skill with a
    // concept one ("observability"): filter by one only the concept round's question has.
    const told = new Set(skillsOf(behavioural));
    const skill = skillsOf(concept).find((s) => !told.has(s))!;
    expect(skill).toBeDefined();
    const bySkill = await history(alice, `?skill=${skill}`);
    expect(bySkill.data.rounds.map((r) => r.id)).toContain(concept);
    expect(bySkill.data.rounds.map((r) => r.id)).not.toContain(behavioural);
    expect((await history(alice, "?skill=no-such-skill")).data.rounds).toEqual([]);
  });

  test("filters by an inclusive date range", async () => {
    const january = await takeRound(alice);
    backdateRound(january, new Date("2025-01-31T23:30:00Z"));
    const february = await takeRound(alice);
    backdateRound(february, new Date("2025-02-01T00:10:00Z"));
    await takeRound(alice);
    expect(
      (await history(alice, "?from=2025-01-01&to=2025-01-31")).data.rounds.map((r) => r.id),
    ).toEqual([january]);
    expect(
      (await history(alice, "?from=2025-02-01&to=2025-02-01")).data.rounds.map((r) => r.id),
    ).toEqual([february]);
    expect((await history(alice, "?to=2025-02-01")).data.total).toBe(2);
    expect((await history(alice, "?from=2025-02-01&kind=")).data.total).toBe(2);
  });

  test("pages through many rounds", async () => {
    const question = getBank().find((q) => q.id === "explain-rest-apis")!;
    const settings = { skills: [], kinds: [], band: "3-5" as const, count: 1, minutes: null };
    for (let i = 0; i < HISTORY_PAGE_SIZE + 3; i++) {
      const round = createRound(alice.user.id, `Round ${i}`, settings, [question]);
      backdateRound(round.id, new Date(Date.UTC(2025, 0, 1) + i * 60_000));
    }
    const first = await history(alice);
    expect(first.data).toMatchObject({ total: HISTORY_PAGE_SIZE + 3, page: 1, pages: 2 });
    expect(first.data.rounds).toHaveLength(HISTORY_PAGE_SIZE);
    expect(first.data.rounds[0]!.title).toBe(`Round ${HISTORY_PAGE_SIZE + 2}`);
    const second = await history(alice, "?page=2");
    expect(second.data.rounds.map((r) => r.title)).toEqual(["Round 2", "Round 1", "Round 0"]);
    expect((await history(alice, "?page=3")).data.rounds).toEqual([]);
  });

  test.each([
    ["an unknown kind", "?kind=poetry", "kind"],
    ["a malformed date", "?from=31/01/2025", "from"],
    ["an impossible date", "?from=2025-02-30", "from"],
    ["a range that ends before it starts", "?from=2025-02-01&to=2025-01-01", "to"],
    ["page zero", "?page=0", "page"],
    ["a non-numeric page", "?page=two", "page"],
    ["a skill that is too long", `?skill=${"a".repeat(41)}`, "skill"],
    ["a skill with odd characters", "?skill=%3Cscript%3E", "skill"],
  ])("%s is a 400 with a field message", async (_name, query, field) => {
    await takeRound(alice);
    const { status, data } = await history(alice, query);
    expect(status).toBe(400);
    expect(data.errors?.fields[field]?.length).toBeGreaterThan(0);
    expect(data.rounds).toEqual([]);
  });
});
