import { and, count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { customQuestions, roundQuestions, rounds } from "../../db/schema";
import { findCustomQuestion } from "~/custom-questions/custom-questions.server";
import { getDb } from "~/db.server";
import {
  action as deleteAction,
  loader as deleteLoader,
} from "~/routes/questions.custom.$slug.delete/route";
import {
  action as editAction,
  loader as editLoader,
} from "~/routes/questions.custom.$slug.edit/route";
import { loader as exportLoader } from "~/routes/questions.export/route";
import { loader as browseLoader } from "~/routes/questions._index/route";
import { action as newAction, loader as newLoader } from "~/routes/questions.new/route";
import {
  action as questionAction,
  loader as questionLoader,
} from "~/routes/questions.$questionId/route";
import { action as newRoundAction, loader as newRoundLoader } from "~/routes/rounds.new/route";
import { noticesAfter } from "../utils/notices";
import { ownQuestion, questionForm } from "../utils/questions";
import { refusalOf } from "../utils/replies";
import { createSignedInUser, get, post, run } from "../utils/routes";
import { answerRound, GOOD_ANSWER, type TestUser } from "../utils/review";

function create(who: TestUser, form: Record<string, string | string[]>, origin?: string) {
  return run(newAction, post("/questions/new", form, { cookie: who.cookie, origin }));
}

function edit(
  who: TestUser,
  slug: string,
  form: Record<string, string | string[]>,
  origin?: string,
) {
  const path = `/questions/custom/${slug}/edit`;
  return run(editAction, post(path, form, { cookie: who.cookie, origin }), { slug });
}

function remove(who: TestUser, slug: string, form: Record<string, string> = { confirm: "delete" }) {
  const path = `/questions/custom/${slug}/delete`;
  return run(deleteAction, post(path, form, { cookie: who.cookie }), { slug });
}

function rowsOf(who: TestUser) {
  return getDb()
    .select()
    .from(customQuestions)
    .where(eq(customQuestions.userId, who.user.id))
    .all();
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

describe("writing a question", () => {
  test("a valid question is saved as the user's own and opens on its page", async () => {
    const question = ownQuestion("explain-kafka");
    const outcome = await create(alice, questionForm(question));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/questions/custom-explain-kafka");
    expect(rowsOf(alice).map((r) => [r.slug, r.question])).toEqual([["explain-kafka", question]]);

    const page = await run(questionLoader, get("/questions/custom-explain-kafka", alice.cookie), {
      questionId: "custom-explain-kafka",
    });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({
      question: { id: "custom-explain-kafka", title: question.title },
      editHref: "/questions/custom/explain-kafka/edit",
      guide: {
        tips: question.tips,
        criteria: expect.arrayContaining([
          expect.objectContaining({ name: question.rubric[0]!.name }),
        ]),
      },
    });
    // Before practising: the rubric and tips, never the example answers.
    expect(JSON.stringify(page.data)).not.toContain(question.examples.strong);
  });

  test("the form page needs a signed-in user; a cross-site post writes nothing", async () => {
    const anonymous = await run(newLoader, get("/questions/new"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe("/login?redirectTo=%2Fquestions%2Fnew");
    const crossSite = await create(
      alice,
      questionForm(ownQuestion("sneaky")),
      "https://evil.example",
    );
    expect(crossSite.status).toBe(403);
    expect(rowsOf(alice)).toEqual([]);
  });

  test.each([
    ["an empty title", { title: "" }, "title", "Write the title."],
    [
      "a title too long",
      { title: "t".repeat(161) },
      "title",
      "Keep the title to 160 characters or fewer.",
    ],
    [
      "a malformed id",
      { id: "Kafka Streams!" },
      "id",
      "Use lower-case letters and digits, with hyphens between words, like “message-queues”.",
    ],
    ["an id too long", { id: "a".repeat(73) }, "id", "Keep the id to 72 characters or fewer."],
    [
      "a malformed skill",
      { skills: "kafka-streams, Event Sourcing" },
      "skills",
      "Skill 2: use lower-case letters and digits, with hyphens between words, like “message-queues”.",
    ],
    ["no band", { bands: [] }, "bands", "Pick at least one experience band."],
    [
      "an unknown kind",
      { kind: "trivia" },
      "kind",
      "Pick the kind: concept, design or behavioural.",
    ],
    ["minutes out of range", { minutes: "90" }, "minutes", "Allow at most 60 minutes."],
    [
      "a single probe",
      { probes: "Only one?" },
      "probes",
      "Write at least 2 follow-up questions, one per line.",
    ],
    [
      "a rubric that is not YAML",
      { rubric: "- id: [unclosed" },
      "rubric",
      "The rubric could not be read as YAML (line 1, column 16): check its indentation, colons and brackets against the template.",
    ],
    [
      "a criterion without key points",
      { rubric: "- id: only\n  name: Only\n  weight: 1\n  description: d\n  keyPoints: []\n" },
      "rubric",
      "Criterion 1: add at least one key point.",
    ],
    [
      "a far too long field",
      { prompt: "p".repeat(20_001) },
      "prompt",
      "This is far too long: keep it under 20,000 characters.",
    ],
  ])(
    "%s: 400, a sentence by the field, every value kept, nothing written",
    async (_name, change, field, message) => {
      const form = questionForm(ownQuestion("checked"), change);
      const outcome = await create(alice, form);
      expect(outcome.status).toBe(400);
      const { errors, values } = refusalOf(outcome.data);
      expect(errors.fields[field]).toContain(message);
      expect(values.strong).toBe(form.strong);
      expect(values.rubric).toBe(form.rubric);
      // Conform's reply leaves out an empty field: the form shows it empty again.
      const empty = Array.isArray(form[field]) ? [] : "";
      expect(values[field] ?? empty).toEqual(form[field]);
      expect(rowsOf(alice)).toEqual([]);
    },
  );

  test("an id the bank or the user already has is refused by id; another user's same id is fine", async () => {
    const bankClash = await create(alice, questionForm(ownQuestion("explain-docker")));
    expect(bankClash.status).toBe(400);
    expect(refusalOf(bankClash.data).errors.fields.id).toEqual([
      "“explain-docker” is the id of a question in the bank: choose another id.",
    ]);
    expect((await create(alice, questionForm(ownQuestion("kafka")))).status).toBe(302);
    const twice = await create(alice, questionForm(ownQuestion("kafka", { title: "Another" })));
    expect(twice.status).toBe(400);
    expect(refusalOf(twice.data).errors.fields.id).toEqual([
      "You already have a question with the id “kafka”: choose another id.",
    ]);
    expect(rowsOf(alice)).toHaveLength(1);
    expect((await create(bob, questionForm(ownQuestion("kafka")))).status).toBe(302);
  });
});

describe("editing and deleting", () => {
  test("edit shows the saved fields, saves valid changes and keeps the id", async () => {
    await create(alice, questionForm(ownQuestion("kafka")));
    const page = await run(editLoader, get("/questions/custom/kafka/edit", alice.cookie), {
      slug: "kafka",
    });
    expect(page.status).toBe(200);
    expect((page.data as { values: Record<string, unknown> }).values).toMatchObject({
      id: "kafka",
      title: "Explain kafka",
    });

    const changed = questionForm(ownQuestion("kafka"), {
      title: "Explain Kafka consumer groups",
      id: "renamed",
    });
    const saved = await edit(alice, "kafka", changed);
    expect(saved.status).toBe(302);
    expect(saved.location).toBe("/questions/custom-kafka");
    expect(findCustomQuestion(alice.user.id, "kafka")?.title).toBe("Explain Kafka consumer groups");
    expect(findCustomQuestion(alice.user.id, "renamed")).toBeUndefined();
  });

  test("a blur's revalidation (Conform's validate intent) answers with the problems and saves nothing, even a valid form", async () => {
    const validate = JSON.stringify({ type: "validate", payload: { name: "title" } });
    const valid = await create(alice, {
      ...questionForm(ownQuestion("blur")),
      __intent__: validate,
    });
    expect(valid.status).toBe(200);
    expect(rowsOf(alice)).toEqual([]);
    const invalid = await create(alice, {
      ...questionForm(ownQuestion("blur"), { title: "" }),
      __intent__: validate,
    });
    expect(invalid.status).toBe(200);
    expect(refusalOf(invalid.data).errors.fields.title).toEqual(["Write the title."]);
    expect(rowsOf(alice)).toEqual([]);
  });

  test("an invalid edit is a 400 with the values kept, and the saved question is unchanged", async () => {
    await create(alice, questionForm(ownQuestion("kafka")));
    const outcome = await edit(
      alice,
      "kafka",
      questionForm(ownQuestion("kafka"), { title: "", tips: "" }),
    );
    expect(outcome.status).toBe(400);
    const { errors, values } = refusalOf(outcome.data);
    expect(errors.fields.title).toEqual(["Write the title."]);
    expect(errors.fields.tips).toEqual(["Write at least one tip."]);
    expect(values.id).toBe("kafka");
    expect(findCustomQuestion(alice.user.id, "kafka")?.title).toBe("Explain kafka");
  });

  test("delete asks for confirmation; afterwards the question is gone but its history stays", async () => {
    await create(alice, questionForm(ownQuestion("kafka")));
    const practised = await run(
      questionAction,
      post("/questions/custom-kafka", { intent: "practise" }, { cookie: alice.cookie }),
      {
        questionId: "custom-kafka",
      },
    );
    expect(practised.status).toBe(302);
    await answerRound(alice, practised.location!.split("/")[2]!, [GOOD_ANSWER]);

    const confirm = await run(deleteLoader, get("/questions/custom/kafka/delete", alice.cookie), {
      slug: "kafka",
    });
    expect(confirm.data).toMatchObject({ title: "Explain kafka" });
    expect((await remove(alice, "kafka", {})).status).toBe(400);
    expect(rowsOf(alice)).toHaveLength(1);
    const deleted = await remove(alice, "kafka");
    expect(deleted.status).toBe(302);
    expect(deleted.location).toBe("/questions");
    expect(await noticesAfter(deleted, alice.cookie)).toEqual([
      "Your question was deleted. Rounds that asked it keep their copy.",
      null,
    ]);
    expect(rowsOf(alice)).toEqual([]);

    const history = await run(questionLoader, get("/questions/custom-kafka", alice.cookie), {
      questionId: "custom-kafka",
    });
    expect(history.status).toBe(200);
    expect(history.data).toMatchObject({ total: 1, editHref: null });
    const browse = await run(browseLoader, get("/questions?source=mine", alice.cookie));
    expect((browse.data as { questions: unknown[] }).questions).toEqual([]);
  });
});

describe("private to the user", () => {
  beforeEach(async () => {
    expect(
      (await create(bob, questionForm(ownQuestion("bobs-secret", { skills: ["bobs-skill"] }))))
        .status,
    ).toBe(302);
  });

  test("another user gets a 404 on view, edit, delete, export and practice, and changes nothing", async () => {
    const id = "custom-bobs-secret";
    const slug = "bobs-secret";
    const outcomes = [
      await run(questionLoader, get(`/questions/${id}`, alice.cookie), { questionId: id }),
      await run(
        questionAction,
        post(`/questions/${id}`, { intent: "practise" }, { cookie: alice.cookie }),
        { questionId: id },
      ),
      await run(editLoader, get(`/questions/custom/${slug}/edit`, alice.cookie), { slug }),
      await edit(alice, slug, questionForm(ownQuestion(slug, { title: "Hijacked" }))),
      await run(deleteLoader, get(`/questions/custom/${slug}/delete`, alice.cookie), { slug }),
      await remove(alice, slug),
      await run(exportLoader, get(`/questions/export?ids=${id}`, alice.cookie)),
    ];
    expect(outcomes.map((o) => o.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect(findCustomQuestion(bob.user.id, slug)?.title).toBe("Explain bobs secret");
    expect(roundCount(alice)).toBe(0);
  });

  test("it is not listed, nor its skills offered, for another user; a round cannot reach it", async () => {
    const browse = await run(browseLoader, get("/questions", alice.cookie));
    expect(JSON.stringify(browse.data)).not.toContain("bobs-secret");
    const form = await run(newRoundLoader, get("/rounds/new", alice.cookie));
    expect((form.data as { skills: string[] }).skills).not.toContain("bobs-skill");
    const round = await run(
      newRoundAction,
      post(
        "/rounds/new",
        { band: "3-5", count: "3", skills: ["bobs-skill"] },
        { cookie: alice.cookie },
      ),
    );
    expect(round.status).toBe(400);
    expect(JSON.stringify(round.data)).toContain("Unknown skill: bobs-skill");
  });

  test("for its owner it is offered in the new-round form and practised from there", async () => {
    const form = await run(newRoundLoader, get("/rounds/new", bob.cookie));
    expect((form.data as { skills: string[] }).skills).toContain("bobs-skill");
    const outcome = await run(
      newRoundAction,
      post(
        "/rounds/new",
        { band: "3-5", count: "3", skills: ["bobs-skill"] },
        { cookie: bob.cookie },
      ),
    );
    expect(outcome.status).toBe(302);
    const roundId = outcome.location!.split("/")[2]!;
    const asked = getDb()
      .select({ questionId: roundQuestions.questionId })
      .from(roundQuestions)
      .innerJoin(rounds, and(eq(rounds.id, roundQuestions.roundId), eq(rounds.userId, bob.user.id)))
      .where(eq(roundQuestions.roundId, roundId))
      .all();
    expect(asked).toEqual([{ questionId: "custom-bobs-secret" }]);
  });
});
