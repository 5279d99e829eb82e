import { asc, count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { roundQuestions, rounds } from "../../db/schema";
import { insertCustomQuestions } from "~/custom-questions/custom-questions.server";
import { getDb } from "~/db.server";
import { getBank } from "~/question-bank/load-bank.server";
import { action as browseAction, loader as browseLoader } from "~/routes/questions._index/route";
import { ownQuestion } from "../utils/questions";
import { refusalOf } from "../utils/replies";
import { createSignedInUser, get, post, run } from "../utils/routes";
import type { TestUser } from "../utils/review";

interface BrowseData {
  questions: {
    id: string;
    title: string;
    kind: string;
    bands: string[];
    skills: string[];
    own: boolean;
  }[];
  total: number;
  skills: string[];
  errors: { form: string[]; fields: Record<string, string[]> } | null;
}

async function browse(who: TestUser, query = "") {
  const outcome = await run(browseLoader, get(`/questions${query}`, who.cookie));
  return { status: outcome.status, data: outcome.data as BrowseData };
}

async function start(
  who: TestUser,
  ids: string[],
  { origin, intent = "start" }: { origin?: string; intent?: string } = {},
) {
  return run(
    browseAction,
    post("/questions?index", { intent, ids }, { cookie: who.cookie, origin }),
  );
}

function roundCount(who: TestUser) {
  return getDb().select({ n: count() }).from(rounds).where(eq(rounds.userId, who.user.id)).get()!.n;
}

let alice: TestUser;
let bob: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

describe("browsing /questions", () => {
  test("lists the whole bank with kind, bands and skills; signed-out users are sent to log in", async () => {
    const { status, data } = await browse(alice);
    expect(status).toBe(200);
    expect(data.questions).toHaveLength(getBank().length);
    expect(data.total).toBe(getBank().length);
    expect(data.questions.find((q) => q.id === "explain-docker")).toMatchObject({
      title: "Explain Docker",
      kind: "concept",
      own: false,
      skills: expect.arrayContaining(["docker"]),
    });
    expect(data.skills).toContain("rest-api");
    const anonymous = await run(browseLoader, get("/questions?kind=design"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe("/login?redirectTo=%2Fquestions%3Fkind%3Ddesign");
  });

  test("filters by skill, kind and band together", async () => {
    const design = await browse(alice, "?kind=design");
    expect(design.data.questions.length).toBeGreaterThanOrEqual(5);
    expect(design.data.questions.every((q) => q.kind === "design")).toBe(true);

    const { data } = await browse(alice, "?skill=databases&kind=concept&band=0-2");
    const expected = getBank().filter(
      (q) => q.skills.includes("databases") && q.kind === "concept" && q.bands.includes("0-2"),
    );
    expect(data.questions.map((q) => q.id).sort()).toEqual(expected.map((q) => q.id).sort());
    expect(data.questions.length).toBeGreaterThan(0);
    expect(data.questions.length).toBeLessThan(getBank().length);

    // Empty values mean "any"; a well-formed skill nobody uses matches nothing; unknown params are ignored.
    expect((await browse(alice, "?skill=&kind=&band=&utm=x")).data.questions).toHaveLength(
      getBank().length,
    );
    const none = await browse(alice, "?skill=cobol");
    expect(none.status).toBe(200);
    expect(none.data.questions).toEqual([]);
  });

  test.each([
    ["?kind=poetry", "kind"],
    ["?band=1-2", "band"],
    ["?skill=Not%20A%20Skill", "skill"],
    [`?skill=${"a".repeat(41)}`, "skill"],
    ["?source=everyone", "source"],
  ])("a malformed filter %s is a 400 naming the field, not a crash", async (query, field) => {
    const { status, data } = await browse(alice, query);
    expect(status).toBe(400);
    expect(data.errors?.fields[field]?.[0]).toMatch(/^Choose /);
    expect(data.questions).toEqual([]);
  });

  test("your own questions are listed (and filterable) for you only", async () => {
    insertCustomQuestions(bob.user.id, [ownQuestion("bobs-kafka")]);
    const mine = await browse(bob, "?source=mine");
    expect(mine.data.questions.map((q) => [q.id, q.own])).toEqual([["custom-bobs-kafka", true]]);
    expect((await browse(bob, "?skill=kafka-streams")).data.questions.map((q) => q.id)).toEqual([
      "custom-bobs-kafka",
    ]);
    expect((await browse(bob, "?source=bank")).data.questions).toHaveLength(getBank().length);

    const alices = await browse(alice);
    expect(alices.data.questions.some((q) => q.id === "custom-bobs-kafka")).toBe(false);
    expect(alices.data.skills).not.toContain("kafka-streams");
    expect((await browse(alice, "?source=mine")).data.questions).toEqual([]);
  });
});

describe("starting a round from a selection", () => {
  test("creates a round with exactly the picked questions, in order, each on its own clock", async () => {
    insertCustomQuestions(alice.user.id, [ownQuestion("alices-kafka", { minutes: 7 })]);
    const ids = ["explain-docker", "custom-alices-kafka", "design-url-shortener"];
    const outcome = await start(alice, ids);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/^\/rounds\/[^/]+\/questions\/1$/);
    const roundId = outcome.location!.split("/")[2]!;
    const asked = getDb()
      .select()
      .from(roundQuestions)
      .where(eq(roundQuestions.roundId, roundId))
      .orderBy(asc(roundQuestions.position))
      .all();
    expect(asked.map((q) => q.questionId)).toEqual(ids);
    expect(asked[1]!.question.title).toBe("Explain alices kafka");
    expect(asked[1]!.secondsAllowed).toBe(7 * 60);
  });

  test.each([
    ["no questions", [], /at least one/],
    [
      "eleven questions",
      getBank()
        .slice(0, 11)
        .map((q) => q.id),
      /at most 10/,
    ],
    ["an unknown id", ["explain-docker", "no-such-question"], /Unknown question: no-such-question/],
    ["a malformed id", ["x".repeat(81)], /Choose questions from the list/],
  ])("%s: 400 with the reason, the picks kept, and no round", async (_name, ids, message) => {
    const outcome = await start(alice, ids);
    expect(outcome.status).toBe(400);
    expect(JSON.stringify(outcome.data)).toMatch(message);
    expect(roundCount(alice)).toBe(0);
  });

  test("another user's own question cannot be practised: rejected like an unknown one, nothing created", async () => {
    insertCustomQuestions(bob.user.id, [ownQuestion("bobs-secret")]);
    const outcome = await start(alice, ["explain-docker", "custom-bobs-secret"]);
    expect(outcome.status).toBe(400);
    expect(refusalOf(outcome.data)).toMatchObject({
      errors: { form: ["Unknown question: custom-bobs-secret."] },
      values: { ids: ["explain-docker", "custom-bobs-secret"] },
    });
    expect(roundCount(alice)).toBe(0);
    expect(roundCount(bob)).toBe(0);
  });

  test("an unknown intent, a cross-site post and a signed-out post change nothing", async () => {
    expect((await start(alice, ["explain-docker"], { intent: "delete" })).status).toBe(400);
    expect(
      (await start(alice, ["explain-docker"], { origin: "https://evil.example" })).status,
    ).toBe(403);
    const anonymous = await run(
      browseAction,
      post("/questions?index", { intent: "start", ids: ["explain-docker"] }),
    );
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login/);
    expect(roundCount(alice)).toBe(0);
  });
});
