import { count } from "drizzle-orm";
import { getBank } from "~/question-bank/load-bank.server";
import { parse, stringify } from "yaml";
import { beforeEach, describe, expect, test } from "vitest";
import { customQuestions } from "../../db/schema";
import {
  insertCustomQuestions,
  listCustomQuestions,
} from "~/custom-questions/custom-questions.server";
import { getDb } from "~/db.server";
import type { Question } from "~/question-bank/question-schema";
import { loader as exportLoader } from "~/routes/questions.export/route";
import { action as importAction, loader as importLoader } from "~/routes/questions.import/route";
import { ownQuestion, upload } from "../utils/questions";
import { noticesAfter } from "../utils/notices";
import { refusalOf } from "../utils/replies";
import { createSignedInUser, get, post, run } from "../utils/routes";
import type { TestUser } from "../utils/review";

interface Rejected {
  fileName: string;
}

const pack = (questions: unknown[]) => ({ pack: 1, questions });

function importFile(
  who: TestUser,
  name: string,
  body: string | Uint8Array<ArrayBuffer>,
  origin?: string,
) {
  return run(
    importAction,
    upload("/questions/import", { name, body }, { cookie: who.cookie, origin }),
  );
}

/** Imports a file that must be refused: 400, the file's name kept (unless it was too big to read), no row written. */
async function rejected(
  who: TestUser,
  name: string,
  body: string | Uint8Array<ArrayBuffer>,
  keptName = name,
) {
  const before = rowCount();
  const outcome = await importFile(who, name, body);
  expect(outcome.status).toBe(400);
  expect(rowCount()).toBe(before);
  expect((outcome.data as Rejected).fileName).toBe(keptName);
  return refusalOf(outcome.data).errors.fields.pack ?? [];
}

/** Every user's custom questions: an import must not write any, for anyone. */
function rowCount() {
  return getDb().select({ n: count() }).from(customQuestions).get()!.n;
}

async function exported(who: TestUser, query: string) {
  const outcome = await run(exportLoader, get(`/questions/export${query}`, who.cookie));
  return outcome;
}

let alice: TestUser;
let bob: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

describe("importing a pack", () => {
  test("a valid JSON pack becomes the user's own questions, all of them", async () => {
    const questions = [
      ownQuestion("kafka-basics"),
      ownQuestion("kafka-partitions", { kind: "design" }),
    ];
    const outcome = await importFile(alice, "pack.json", JSON.stringify(pack(questions)));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/questions?source=mine");
    expect(await noticesAfter(outcome, alice.cookie)).toEqual([
      "Imported 2 questions from your pack.",
      null,
    ]);
    expect(listCustomQuestions(alice.user.id)).toEqual(
      questions.sort((a, b) => a.title.localeCompare(b.title)),
    );
    expect(listCustomQuestions(bob.user.id)).toEqual([]);
  });

  test("a valid YAML pack (.yaml or .yml), defaults filled in as for bank files", async () => {
    const { competencies: _c, roles: _r, ...bare } = ownQuestion("from-yaml");
    expect((await importFile(alice, "questions.yml", stringify(pack([bare])))).status).toBe(302);
    const [saved] = listCustomQuestions(alice.user.id);
    expect(saved).toMatchObject({ id: "from-yaml", competencies: [], roles: ["backend"] });
    expect(
      (await importFile(alice, "more.YAML", stringify(pack([ownQuestion("second")])))).status,
    ).toBe(302);
    expect(listCustomQuestions(alice.user.id)).toHaveLength(2);
  });

  test("an invalid pack is rejected whole: every problem a sentence with its place, zero rows written", async () => {
    const good = ownQuestion("good-one");
    const noKeyPoints = ownQuestion("no-key-points");
    noKeyPoints.rubric = [
      { ...noKeyPoints.rubric[0]!, keyPoints: [] },
      ...noKeyPoints.rubric.slice(1),
    ];
    const problems = await rejected(
      alice,
      "pack.json",
      JSON.stringify(
        pack([good, noKeyPoints, { ...ownQuestion("bad-title"), title: "" }, { id: "Bad Id" }]),
      ),
    );
    expect(problems).toContain("Question 2, criterion 1: add at least one key point.");
    expect(problems).toContain("Question 3: write the title.");
    expect(problems).toContain(
      "Question 4: use lower-case letters and digits, with hyphens between words, like “message-queues”.",
    );
    expect(problems).toContain("Question 4: add the “skills” field.");
    expect(problems.some((p) => p.startsWith("Question 1"))).toBe(false);
    // Issue 17, bug 7: never zod's own wording.
    for (const p of problems)
      expect(p).not.toMatch(/expected|Too small|Too big|Invalid input|received/);
    expect(listCustomQuestions(alice.user.id)).toEqual([]);
  });

  test("duplicate ids within the pack are reported by id", async () => {
    const problems = await rejected(
      alice,
      "pack.yaml",
      stringify(
        pack([ownQuestion("twice"), ownQuestion("once"), ownQuestion("twice", { title: "Again" })]),
      ),
    );
    expect(problems).toEqual([
      "Question 3: the id “twice” is also the id of question 1: give each question its own.",
    ]);
  });

  test("ids the bank or the user already has are reported by id; another user's ids do not matter", async () => {
    insertCustomQuestions(alice.user.id, [ownQuestion("already-mine")]);
    insertCustomQuestions(bob.user.id, [ownQuestion("bobs-own")]);
    const problems = await rejected(
      alice,
      "pack.yaml",
      stringify(
        pack([ownQuestion("new-one"), ownQuestion("explain-docker"), ownQuestion("already-mine")]),
      ),
    );
    expect(problems).toEqual([
      "Question 2: “explain-docker” is the id of a question in the bank: choose another id.",
      "Question 3: you already have a question with the id “already-mine”: choose another id.",
    ]);
    expect(listCustomQuestions(alice.user.id).map((q) => q.id)).toEqual(["already-mine"]);
    expect(
      (await importFile(alice, "pack.yaml", stringify(pack([ownQuestion("bobs-own")])))).status,
    ).toBe(302);
  });

  test("an oversized file, or one with too many questions, is rejected", async () => {
    const big = JSON.stringify(pack([{ ...ownQuestion("big"), prompt: "x".repeat(600 * 1024) }]));
    expect(await rejected(alice, "big.json", big, "")).toEqual([
      expect.stringMatching(/larger than 512 KB/),
    ]);
    // Just over the limit: refused while reading, not by the declared length.
    const justOver = "#".repeat(512 * 1024 + 1);
    expect(await rejected(alice, "over.yaml", justOver, "")).toEqual([
      expect.stringMatching(/larger than 512 KB/),
    ]);
    const many = pack(Array.from({ length: 201 }, (_, i) => ({ id: `q-${i}` })));
    expect(await rejected(alice, "many.json", JSON.stringify(many))).toEqual([
      "A pack holds at most 200 questions; this one has 201.",
    ]);
  });

  test("a wrong file type, malformed YAML or JSON, an empty file, no file", async () => {
    const before = rowCount();
    const body = stringify(pack([ownQuestion("fine")]));
    expect(await rejected(alice, "pack.txt", body)).toEqual([
      "pack.txt is not a .json, .yaml or .yml file.",
    ]);
    expect(await rejected(alice, "pack.yaml", "pack: 1\nquestions: [unclosed\n")).toEqual([
      expect.stringMatching(/^The file could not be read as YAML \(line \d+, column \d+\): /),
    ]);
    expect(await rejected(alice, "pack.json", body)).toEqual([
      "The file could not be read as JSON: check it against an exported pack.",
    ]);
    expect(await rejected(alice, "pack.json", "")).toEqual(["The file is empty."]);
    expect(
      await rejected(alice, "binary.yaml", new Uint8Array([0, 159, 146, 150, 255])),
    ).not.toEqual([]);
    const none = await run(
      importAction,
      upload("/questions/import", null, { cookie: alice.cookie }),
    );
    expect(none.status).toBe(400);
    expect(refusalOf(none.data).errors.fields.pack).toEqual(["Choose a pack file to import."]);
    const notMultipart = await run(
      importAction,
      post("/questions/import", { pack: body }, { cookie: alice.cookie }),
    );
    expect(notMultipart.status).toBe(400);
    const truncated = new Request("http://localhost:3000/questions/import", {
      method: "POST",
      body: '--XX\r\nContent-Disposition: form-data; name="pack"; filename="a.yaml"\r\n\r\npack: 1\n',
      headers: {
        "Content-Type": "multipart/form-data; boundary=XX",
        Cookie: alice.cookie,
        Origin: "http://localhost:3000",
      },
    });
    const cut = await run(importAction, truncated);
    expect(cut.status).toBe(400);
    expect(refusalOf(cut.data).errors.fields.pack).toEqual([expect.stringMatching(/incomplete/)]);
    const oddName = await importFile(alice, "team=backend.yaml", body);
    expect(oddName.status).toBe(400);
    expect(refusalOf(oddName.data).errors.fields.pack).toEqual([
      expect.stringMatching(/rename the file/),
    ]);
    expect(rowCount()).toBe(before);
  });

  test("signed out: sent to log in; cross-site: 403; nothing written", async () => {
    const before = rowCount();
    const anonymous = await run(importLoader, get("/questions/import"));
    expect(anonymous.location).toBe("/login?redirectTo=%2Fquestions%2Fimport");
    const body = stringify(pack([ownQuestion("fine")]));
    expect((await importFile(alice, "pack.yaml", body, "https://evil.example")).status).toBe(403);
    const anonymousPost = await run(
      importAction,
      upload("/questions/import", { name: "pack.yaml", body }),
    );
    expect(anonymousPost.status).toBe(302);
    expect(rowCount()).toBe(before);
  });
});

describe("bank questions in a pack are references", () => {
  const bankQuestion = (id: string) => getBank().find((q) => q.id === id)!;

  test("a pack the app exported, a bank question with one of your own, imports as another user", async () => {
    insertCustomQuestions(alice.user.id, [ownQuestion("first-own")]);
    for (const [format, who] of [
      ["yaml", bob],
      ["json", await createSignedInUser("carol")],
    ] as const) {
      const file = await exported(
        alice,
        `?ids=explain-docker&ids=custom-first-own&format=${format}`,
      );
      const text = typeof file.data === "string" ? file.data : JSON.stringify(file.data);
      const outcome = await importFile(who, `pack.${format}`, text);
      expect(outcome.status).toBe(302);
      expect(outcome.location).toBe("/questions?source=mine");
      expect(listCustomQuestions(who.user.id)).toEqual(listCustomQuestions(alice.user.id));
      expect(await noticesAfter(outcome, who.cookie)).toEqual([
        "Imported 1 question from your pack. 1 was a bank question, which you already have, so it was left as it is.",
        null,
      ]);
    }
  });

  test("a pack of bank references only imports nothing, and says why", async () => {
    const problems = await rejected(
      alice,
      "bank.yaml",
      stringify(pack([bankQuestion("explain-docker"), bankQuestion("design-url-shortener")])),
    );
    expect(problems).toEqual([
      "Nothing to import: all 2 questions in this pack are bank questions, which you already have.",
    ]);
  });

  test("a question of one's own under a bank id is still refused, by its place in the pack", async () => {
    const edited = { ...bankQuestion("explain-rest-apis"), title: "My REST question" };
    const problems = await rejected(
      alice,
      "pack.yaml",
      stringify(pack([bankQuestion("explain-docker"), edited, ownQuestion("fine")])),
    );
    expect(problems).toEqual([
      "Question 2: “explain-rest-apis” is the id of a question in the bank: choose another id.",
    ]);
  });

  test("bad input around references: an empty list, a bare id, a reference twice", async () => {
    expect(await rejected(alice, "empty.json", JSON.stringify(pack([])))).toEqual([
      "List at least one question.",
    ]);
    const bare = await rejected(
      alice,
      "bare.json",
      JSON.stringify(pack([{ id: "explain-docker" }])),
    );
    expect(bare.length).toBeGreaterThan(0);
    expect(bare).toContain("Question 1: add the title.");
    expect(bare.every((p) => p.startsWith("Question 1: "))).toBe(true);
    expect(
      await rejected(
        alice,
        "twice.json",
        JSON.stringify(pack([bankQuestion("explain-docker"), bankQuestion("explain-docker")])),
      ),
    ).toEqual([
      "Question 2: the id “explain-docker” is also the id of question 1: give each question its own.",
    ]);
  });
});

describe("exporting a pack", () => {
  test("export then import into another user gives the same questions (YAML and JSON)", async () => {
    const questions = [
      ownQuestion("first-own"),
      ownQuestion("second-own", { kind: "behavioural", competencies: ["ownership"] }),
    ];
    insertCustomQuestions(alice.user.id, questions);
    for (const [format, who] of [
      ["yaml", bob],
      ["json", await createSignedInUser("carol")],
    ] as const) {
      const file = await exported(
        alice,
        `?ids=custom-first-own&ids=custom-second-own&format=${format}`,
      );
      expect(file.status).toBe(200);
      expect(file.headers.get("Content-Disposition")).toMatch(
        new RegExp(`^attachment; filename="rehearse-pack-\\d{4}-\\d{2}-\\d{2}\\.${format}"$`),
      );
      const text = typeof file.data === "string" ? file.data : JSON.stringify(file.data);
      expect((await importFile(who, `pack.${format}`, text)).status).toBe(302);
      expect(listCustomQuestions(who.user.id)).toEqual(listCustomQuestions(alice.user.id));
    }
  });

  test("bank questions export with their ids and the full question", async () => {
    const file = await exported(alice, "?ids=explain-docker&ids=design-url-shortener");
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toMatch(/^application\/yaml/);
    const parsed = parse(file.data as string) as { pack: number; questions: Question[] };
    expect(parsed.pack).toBe(1);
    expect(parsed.questions.map((q) => q.id)).toEqual(["explain-docker", "design-url-shortener"]);
    expect(parsed.questions[0]!.rubric.length).toBeGreaterThanOrEqual(3);
  });

  test("nothing picked, too many, a bad format: 400; unknown or another user's question: 404", async () => {
    insertCustomQuestions(bob.user.id, [ownQuestion("bobs-secret")]);
    expect((await exported(alice, "")).status).toBe(400);
    expect(
      (
        await exported(
          alice,
          `?${Array.from({ length: 201 }, () => "ids=explain-docker").join("&")}`,
        )
      ).status,
    ).toBe(400);
    expect((await exported(alice, "?ids=explain-docker&format=xml")).status).toBe(400);
    expect((await exported(alice, "?ids=no-such-question")).status).toBe(404);
    expect((await exported(alice, "?ids=explain-docker&ids=custom-bobs-secret")).status).toBe(404);
    expect((await exported(bob, "?ids=custom-bobs-secret")).status).toBe(200);
    const anonymous = await run(exportLoader, get("/questions/export?ids=explain-docker"));
    expect(anonymous.status).toBe(302);
  });
});
