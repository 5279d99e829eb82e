import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { customQuestions } from "../../db/schema";
import type { BuilderValues, CriterionValues } from "~/custom-questions/question-builder";
import { UNREADABLE_FIELDS } from "~/custom-questions/question-builder-form.server";
import { findCustomQuestion } from "~/custom-questions/custom-questions.server";
import { getDb } from "~/db.server";
import {
  action as questionAction,
  loader as questionLoader,
} from "~/routes/questions.$questionId/route";
import { loader as browseLoader } from "~/routes/questions._index/route";
import {
  action as editAction,
  loader as editLoader,
} from "~/routes/questions.custom.$slug.edit/route";
import { action as newAction, loader as newLoader } from "~/routes/questions.new/route";
import { builderForm, ownQuestion, questionBuilderForm, questionForm } from "../utils/questions";
import { createSignedInUser, get, post, run } from "../utils/routes";
import type { TestUser } from "../utils/review";

// Issue 17, bug 7: your own question is written with form fields. The "Add" and "Remove" buttons are
// submit buttons (name="intent") the server answers with the same fields and a row more or fewer,
// saving nothing, so the builder works without JavaScript; only "Save" validates and saves.

interface Shown {
  editor: "fields" | "yaml";
  values: BuilderValues;
  errors: { form: string[]; fields: Record<string, string[] | undefined> };
  focus: string | null;
  said: string | null;
}

/** zod's own wording and dotted paths ("rubric.0.keyPoints"): never in a message. */
const RAW = /expected|Too small|Too big|Invalid input|Unrecognized key|received|\w\.\d/;

function expectSentences(errors: Shown["errors"]) {
  const messages = [...errors.form, ...Object.values(errors.fields).flatMap((m) => m ?? [])];
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) {
    expect(message).not.toMatch(RAW);
    expect(message).toMatch(/^[A-Z“].*\.$/);
  }
}

const criterion = (n: number, overrides: Partial<CriterionValues> = {}): CriterionValues => ({
  id: "",
  name: `Criterion number ${n}`,
  weight: String(n),
  description: `What a 5 looks like on criterion ${n}.`,
  keyPoints: [
    {
      id: "",
      point: `The answer makes point ${n}.`,
      phrasings: `phrase ${n}\nanother phrase ${n}`,
      meaning: "",
    },
  ],
  misconceptions: "",
  ...overrides,
});

/** A question typed into the builder from scratch: no ids anywhere but the question's. */
function typed(slug: string, criteria: CriterionValues[] = [1, 2, 3].map((n) => criterion(n))) {
  return {
    id: slug,
    title: "Explain message queues",
    kind: "concept",
    prompt: "What is a message queue, and when would you use one?",
    skills: "messaging, queues",
    competencies: "",
    bands: ["3-5"],
    roles: ["backend"],
    minutes: "5",
    strong: "A queue decouples producers from consumers…",
    weak: "It is a list.",
    probes: "What happens when a consumer crashes?\nHow do you keep order?",
    tips: "Name a delivery guarantee.",
    criteria,
  } satisfies BuilderValues;
}

let alice: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
});

function rowsOf(who: TestUser) {
  return getDb()
    .select()
    .from(customQuestions)
    .where(eq(customQuestions.userId, who.user.id))
    .all();
}

function create(form: Record<string, string | string[]>, origin?: string) {
  return run(newAction, post("/questions/new", form, { cookie: alice.cookie, origin }));
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

async function shown(outcome: Promise<{ status: number; data: unknown }>, status: number) {
  const { status: got, data } = await outcome;
  expect(got, JSON.stringify(data)).toBe(status);
  return data as Shown;
}

describe("adding and removing rows saves nothing", () => {
  test("the new-question page opens the builder: three criteria, each with a key point", async () => {
    const page = await run(newLoader, get("/questions/new", alice.cookie));
    const { editor, values } = page.data as Shown;
    expect(editor).toBe("fields");
    expect(values.criteria).toHaveLength(3);
    expect(values.criteria.map((c) => c.keyPoints.length)).toEqual([1, 1, 1]);
  });

  test("Add criterion and Add key point: the posted values come back with one more row", async () => {
    const values = typed("queues");
    const added = await shown(create(builderForm(values, { intent: "add-criterion" })), 200);
    expect(added.values.criteria).toHaveLength(4);
    expect(added.values).toEqual({
      ...values,
      criteria: [
        ...values.criteria,
        {
          id: "",
          name: "",
          weight: "1",
          description: "",
          keyPoints: [{ id: "", point: "", phrasings: "", meaning: "" }],
          misconceptions: "",
        },
      ],
    });
    expect(added.errors).toEqual({ form: [], fields: {} });
    expect(added.focus).toBe("question-builder-criteria[3].name");
    expect(added.said).toBe("Criterion 4 added.");

    const withPoint = await shown(
      create(builderForm(added.values, { intent: "add-key-point:1" })),
      200,
    );
    expect(withPoint.values.criteria.map((c) => c.keyPoints.length)).toEqual([1, 2, 1, 1]);
    expect(withPoint.values.criteria[1]!.keyPoints[0]).toEqual(values.criteria[1]!.keyPoints[0]);
    expect(withPoint.focus).toBe("question-builder-criteria[1].keyPoints[1].point");
    expect(rowsOf(alice)).toEqual([]);
  });

  test("Remove criterion and Remove key point: the rows below move up, nothing else changes", async () => {
    const values = typed(
      "queues",
      [1, 2, 3, 4].map((n) => criterion(n)),
    );
    const removed = await shown(create(builderForm(values, { intent: "remove-criterion:1" })), 200);
    expect(removed.values.criteria.map((c) => c.name)).toEqual([
      "Criterion number 1",
      "Criterion number 3",
      "Criterion number 4",
    ]);
    expect(removed.values.criteria[1]).toEqual(values.criteria[2]);
    expect(removed.focus).toBe("question-builder-criteria[1].name");

    const noPoint = await shown(
      create(builderForm(removed.values, { intent: "remove-key-point:2:0" })),
      200,
    );
    expect(noPoint.values.criteria[2]!.keyPoints).toEqual([]);
    expect(noPoint.focus).toBe("add-key-point-2");
    expect(noPoint.values.criteria.slice(0, 2)).toEqual(removed.values.criteria.slice(0, 2));
    expect(rowsOf(alice)).toEqual([]);
  });

  test("a row button on your own question adds a row; on one that is not yours it is a 404", async () => {
    expect((await create(questionForm(ownQuestion("mine")))).status).toBe(302);
    const own = await shown(
      edit(alice, "mine", questionBuilderForm(ownQuestion("mine"), { intent: "add-criterion" })),
      200,
    );
    expect(own.values.criteria).toHaveLength(ownQuestion("mine").rubric.length + 1);
    expect(own.values.id).toBe("mine");
    expect(findCustomQuestion(alice.user.id, "mine")).toEqual(ownQuestion("mine"));

    const bob = await createSignedInUser("bob");
    const bobs = questionForm(ownQuestion("bobs"));
    expect(
      (await run(newAction, post("/questions/new", bobs, { cookie: bob.cookie }))).status,
    ).toBe(302);
    const form = questionBuilderForm(ownQuestion("bobs"), { intent: "add-criterion" });
    expect((await edit(alice, "bobs", form)).status).toBe(404);
    expect((await edit(alice, "bobs", { ...form, intent: "save", title: "Mine now" })).status).toBe(
      404,
    );
    expect(
      (await run(editLoader, get("/questions/custom/bobs/edit", alice.cookie), { slug: "bobs" }))
        .status,
    ).toBe(404);
    expect(findCustomQuestion(bob.user.id, "bobs")?.title).toBe("Explain bobs");
  });
});

describe("saving", () => {
  test("Save creates the question with the rubric as entered, ready to practise", async () => {
    const values = typed("queues-explained", [
      criterion(1, { name: "Explains the contract", weight: "2" }),
      criterion(2, {
        name: "Delivery guarantees",
        weight: "1.5",
        keyPoints: [
          {
            id: "",
            point: "At-least-once delivery means duplicates.",
            phrasings: "at least once\n  duplicates  \n\n",
            meaning: "A message may arrive more than once, so consumers must cope.",
          },
          { id: "", point: "Idempotent consumers", phrasings: "idempotent", meaning: " " },
        ],
      }),
      criterion(3, { name: "Explains the contract" }),
    ]);
    const saved = await create(builderForm(values, { intent: "save" }));
    expect(saved.status, JSON.stringify(saved.data)).toBe(302);
    expect(saved.location).toBe("/questions/custom-queues-explained");

    const question = findCustomQuestion(alice.user.id, "queues-explained")!;
    expect(question.rubric).toEqual([
      {
        id: "explains-the-contract",
        name: "Explains the contract",
        weight: 2,
        description: "What a 5 looks like on criterion 1.",
        keyPoints: [
          {
            id: "the-answer-makes-point-1",
            point: "The answer makes point 1.",
            phrasings: ["phrase 1", "another phrase 1"],
          },
        ],
        misconceptions: [],
      },
      {
        id: "delivery-guarantees",
        name: "Delivery guarantees",
        weight: 1.5,
        description: "What a 5 looks like on criterion 2.",
        keyPoints: [
          {
            id: "at-least-once-delivery-means-duplicates",
            point: "At-least-once delivery means duplicates.",
            phrasings: ["at least once", "duplicates"],
            meaning: "A message may arrive more than once, so consumers must cope.",
          },
          { id: "idempotent-consumers", point: "Idempotent consumers", phrasings: ["idempotent"] },
        ],
        misconceptions: [],
      },
      {
        // Two criteria of one name still get ids of their own.
        id: "explains-the-contract-2",
        name: "Explains the contract",
        weight: 3,
        description: "What a 5 looks like on criterion 3.",
        keyPoints: [
          {
            id: "the-answer-makes-point-3",
            point: "The answer makes point 3.",
            phrasings: ["phrase 3", "another phrase 3"],
          },
        ],
        misconceptions: [],
      },
    ]);
    expect(question).toMatchObject({
      title: "Explain message queues",
      skills: ["messaging", "queues"],
      probes: ["What happens when a consumer crashes?", "How do you keep order?"],
    });

    // Listed under /questions, shown with its rubric, and practised.
    const browse = await run(browseLoader, get("/questions?source=mine", alice.cookie));
    expect((browse.data as { questions: { id: string }[] }).questions).toEqual([
      expect.objectContaining({ id: "custom-queues-explained", title: "Explain message queues" }),
    ]);
    const page = await run(
      questionLoader,
      get("/questions/custom-queues-explained", alice.cookie),
      {
        questionId: "custom-queues-explained",
      },
    );
    expect(page.data).toMatchObject({
      guide: { criteria: [{ name: "Explains the contract" }, { name: "Delivery guarantees" }, {}] },
    });
    const practised = await run(
      questionAction,
      post("/questions/custom-queues-explained", { intent: "practise" }, { cookie: alice.cookie }),
      { questionId: "custom-queues-explained" },
    );
    expect(practised.status).toBe(302);
    expect(practised.location).toMatch(/^\/rounds\/[^/]+\/questions\/1$/);
  });

  test("Enter in a field posts no button: that saves too", async () => {
    const { intent: _none, ...form } = builderForm(typed("no-button"));
    expect((await create(form)).status).toBe(302);
    expect(findCustomQuestion(alice.user.id, "no-button")?.rubric).toHaveLength(3);
  });

  test("a question shown in the builder and saved unchanged is the same question, misconceptions and meanings kept", async () => {
    const question = ownQuestion("round-trip");
    expect(question.rubric.some((c) => c.misconceptions.length > 0)).toBe(true);
    expect(question.rubric.some((c) => c.keyPoints.some((p) => p.meaning))).toBe(true);
    expect((await create(questionBuilderForm(question))).status).toBe(302);
    expect(findCustomQuestion(alice.user.id, "round-trip")).toEqual(question);
  });

  test("editing opens the builder with the criteria filled in; a saved change keeps the criteria's ids", async () => {
    const question = ownQuestion("kafka");
    expect((await create(questionForm(question))).status).toBe(302);
    const page = await run(editLoader, get("/questions/custom/kafka/edit", alice.cookie), {
      slug: "kafka",
    });
    const { editor, values } = page.data as Shown;
    expect(editor).toBe("fields");
    expect(values.criteria.map((c) => [c.id, c.name, Number(c.weight)])).toEqual(
      question.rubric.map((c) => [c.id, c.name, c.weight]),
    );
    expect(values.criteria[0]!.keyPoints.map((p) => p.point)).toEqual(
      question.rubric[0]!.keyPoints.map((p) => p.point),
    );

    const renamed = builderForm(values, { "criteria[0].name": "Resources, renamed" });
    const saved = await edit(alice, "kafka", renamed);
    expect(saved.status, JSON.stringify(saved.data)).toBe(302);
    const after = findCustomQuestion(alice.user.id, "kafka")!;
    expect(after.rubric[0]).toEqual({ ...question.rubric[0], name: "Resources, renamed" });
    expect(after.rubric.slice(1)).toEqual(question.rubric.slice(1));

    // The YAML editor stays, one link away.
    const yaml = await run(
      editLoader,
      get("/questions/custom/kafka/edit?editor=yaml", alice.cookie),
      {
        slug: "kafka",
      },
    );
    expect(yaml.data).toMatchObject({
      editor: "yaml",
      values: { rubric: expect.stringContaining("id: resources-and-uris") },
    });
  });
});

describe("refused, with a sentence beside the field and every value kept", () => {
  test.each([
    [
      "an empty criterion name",
      { "criteria[1].name": "" },
      "criteria[1].name",
      "Criterion 2: write the criterion's name.",
    ],
    [
      "a criterion name too long",
      { "criteria[0].name": "n".repeat(81) },
      "criteria[0].name",
      "Criterion 1: keep the criterion's name to 80 characters or fewer.",
    ],
    [
      "a weight of 0",
      { "criteria[2].weight": "0" },
      "criteria[2].weight",
      "Criterion 3: give the weight as a number above 0.",
    ],
    [
      "a weight below 0",
      { "criteria[2].weight": "-1" },
      "criteria[2].weight",
      "Criterion 3: give the weight as a number above 0.",
    ],
    [
      "a weight over 10",
      { "criteria[0].weight": "11" },
      "criteria[0].weight",
      "Criterion 1: keep the weight at 10 or below.",
    ],
    [
      "a weight in words",
      { "criteria[2].weight": "heavy" },
      "criteria[2].weight",
      "Criterion 3: give the weight as a number, like 1 or 2.",
    ],
    [
      "an empty key point",
      { "criteria[0].keyPoints[0].point": " " },
      "criteria[0].keyPoints[0].point",
      "Criterion 1, key point 1: write the point the interviewer listens for.",
    ],
    [
      "no phrasing",
      { "criteria[0].keyPoints[0].phrasings": "\n \n" },
      "criteria[0].keyPoints[0].phrasings",
      "Criterion 1, key point 1: add at least one phrasing: words that say the point.",
    ],
    [
      "a phrasing too long",
      { "criteria[0].keyPoints[0].phrasings": `ok\n${"p".repeat(201)}` },
      "criteria[0].keyPoints[0].phrasings",
      "Criterion 1, key point 1, phrasing 2: keep the phrasing to 200 characters or fewer.",
    ],
    [
      "a meaning too short",
      { "criteria[1].keyPoints[0].meaning": "short" },
      "criteria[1].keyPoints[0].meaning",
      "Criterion 2, key point 1: write the meaning in at least 10 characters.",
    ],
    [
      "a far too long prompt",
      { prompt: "p".repeat(20_001) },
      "prompt",
      "This is far too long: keep it under 20,000 characters.",
    ],
    ["no skills", { skills: "" }, "skills", "Pick at least one skill."],
  ])("%s", async (_name, change, field, message) => {
    const form = builderForm(typed("checked"), { intent: "save", ...change });
    const refused = await shown(create(form), 400);
    expect(refused.errors.fields[field]).toEqual([message]);
    expect(refused.focus).toBe("builder-problems");
    expect(builderForm(refused.values, { intent: "save" })).toEqual(form);
    expectSentences(refused.errors);
    expect(rowsOf(alice)).toEqual([]);
  });

  test("no criteria, a criterion without key points, too many criteria: said of the list", async () => {
    const none = await shown(create(builderForm(typed("none", []))), 400);
    expect(none.errors.fields.criteria).toEqual(["Write at least 3 criteria."]);

    const pointless = typed("pointless");
    pointless.criteria[1]!.keyPoints = [];
    const noPoints = await shown(create(builderForm(pointless)), 400);
    expect(noPoints.errors.fields["criteria[1].keyPoints"]).toEqual([
      "Criterion 2: add at least one key point.",
    ]);

    const seven = typed(
      "seven",
      [1, 2, 3, 4, 5, 6, 7].map((n) => criterion(n)),
    );
    const tooMany = await shown(create(builderForm(seven)), 400);
    expect(tooMany.errors.fields.criteria).toEqual(["Write at most 6 criteria."]);
    expect(tooMany.values.criteria).toHaveLength(7);

    const six = typed(
      "six",
      [1, 2, 3, 4, 5, 6].map((n) => criterion(n)),
    );
    const seventh = await shown(create(builderForm(six, { intent: "add-criterion" })), 400);
    expect(seventh.errors.form).toEqual([
      "A question has at most 6 criteria: remove one before adding another.",
    ]);
    expect(seventh.values.criteria).toHaveLength(6);

    const thirteen = typed("thirteen");
    thirteen.criteria[0]!.keyPoints = Array.from({ length: 13 }, (_, k) => ({
      id: "",
      point: `Point ${k + 1} of many.`,
      phrasings: `phrase ${k + 1}`,
      meaning: "",
    }));
    const tooManyPoints = await shown(create(builderForm(thirteen)), 400);
    expect(tooManyPoints.errors.fields["criteria[0].keyPoints"]).toEqual([
      "Criterion 1: keep to 12 key points or fewer.",
    ]);
    for (const refused of [none, noPoints, tooMany, seventh, tooManyPoints])
      expectSentences(refused.errors);
    expect(rowsOf(alice)).toEqual([]);
  });

  test.each([
    ["criteria[99999].name"],
    ["criteria[-1].name"],
    ["criteria[7].name"],
    ["criteria[01].name"],
    ["criteria[1e3].name"],
    ["criteria[0].keyPoints[13].point"],
    ["criteria[0].keyPoints[-1].point"],
    ["criteria[0].surprise"],
    ["criteria[0].keyPoints[0].surprise"],
    ["criteria.0.name"],
  ])("a field no page has, %s, refuses the post whatever the button", async (name) => {
    for (const intent of ["save", "add-criterion", "remove-criterion:0"]) {
      const form = builderForm(typed("tampered"), { intent, [name]: "x" });
      const refused = await shown(create(form), 400);
      expect(refused.errors.form).toEqual([UNREADABLE_FIELDS]);
      // The rows the page does have come back as they were.
      expect(refused.values.criteria).toEqual(typed("tampered").criteria);
      expectSentences(refused.errors);
    }
    expect(rowsOf(alice)).toEqual([]);
  });

  test("a button no form has, or one for a row that is gone, changes nothing", async () => {
    for (const intent of [
      "explode",
      "remove-criterion:3",
      "add-key-point:9",
      "remove-key-point:0:1",
      "remove-criterion:-1",
    ]) {
      const refused = await shown(create(builderForm(typed("buttons"), { intent })), 400);
      expect(refused.values.criteria).toEqual(typed("buttons").criteria);
      expect(refused.errors.form).toHaveLength(1);
      expectSentences(refused.errors);
    }
    expect(rowsOf(alice)).toEqual([]);
  });

  test("an id taken is said by the id; editing refuses the same problems and leaves the question as it was", async () => {
    expect((await create(builderForm(typed("taken")))).status).toBe(302);
    const twice = await shown(create(builderForm(typed("taken"))), 400);
    expect(twice.errors.fields.id).toEqual([
      "You already have a question with the id “taken”: choose another id.",
    ]);
    const bank = await shown(create(builderForm(typed("explain-docker"))), 400);
    expect(bank.errors.fields.id).toEqual([
      "“explain-docker” is the id of a question in the bank: choose another id.",
    ]);

    const before = findCustomQuestion(alice.user.id, "taken")!;
    const edited = await shown(
      edit(alice, "taken", builderForm(typed("taken"), { "criteria[0].name": "", tips: "" })),
      400,
    );
    expect(edited.errors.fields).toEqual({
      "criteria[0].name": ["Criterion 1: write the criterion's name."],
      tips: ["Write at least one tip."],
    });
    expect(edited.values.id).toBe("taken");
    expect(findCustomQuestion(alice.user.id, "taken")).toEqual(before);
  });

  test("a cross-site post is refused before anything is read: 403, nothing saved", async () => {
    const form = builderForm(typed("sneaky"));
    expect((await create(form, "https://evil.example")).status).toBe(403);
    expect(
      (await create({ ...form, intent: "add-criterion" }, "https://evil.example")).status,
    ).toBe(403);
    expect(rowsOf(alice)).toEqual([]);
    expect((await create(form)).status).toBe(302);
    const changed = builderForm(typed("sneaky"), { title: "Changed from elsewhere" });
    expect((await edit(alice, "sneaky", changed, "https://evil.example")).status).toBe(403);
    expect(findCustomQuestion(alice.user.id, "sneaky")?.title).toBe("Explain message queues");
  });
});
