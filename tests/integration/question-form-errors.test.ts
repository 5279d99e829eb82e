import { stringify } from "yaml";
import { beforeEach, expect, test } from "vitest";
import { RUBRIC_TEMPLATE } from "~/custom-questions/custom-question-form";
import { action as editAction } from "~/routes/questions.custom.$slug.edit/route";
import { action as importAction } from "~/routes/questions.import/route";
import { action as newAction } from "~/routes/questions.new/route";
import { ownQuestion, questionForm, upload } from "../utils/questions";
import { refusalOf } from "../utils/replies";
import { createSignedInUser, post, run } from "../utils/routes";
import type { TestUser } from "../utils/review";

// Issue 17, bug 7: every message on the forms for your own questions is a sentence a person would write.

/** zod's own wording ("skills: Too small: expected array to have >=1 items") and paths ("rubric.0.keyPoints"). */
const RAW = /expected|Too small|Too big|Invalid input|Unrecognized key|received|\w\.\d/;

interface Refused {
  errors: { form: string[]; fields: Record<string, string[] | undefined> };
}

/** The builder answers with its own rows and errors; the YAML form and the import page with Conform's reply. */
function refusedOf(data: unknown): Refused {
  return data && typeof data === "object" && "errors" in data ? (data as Refused) : refusalOf(data);
}

function messagesOf(data: unknown): string[] {
  const { errors } = refusedOf(data);
  return [...errors.form, ...Object.values(errors.fields).flatMap((m) => m ?? [])];
}

function expectSentences(messages: string[]) {
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) {
    expect(message).not.toMatch(RAW);
    expect(message).toMatch(/^[A-Z“].*\.$/);
  }
}

let alice: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
});

async function create(form: Record<string, string | string[]>) {
  const outcome = await run(newAction, post("/questions/new", form, { cookie: alice.cookie }));
  expect(outcome.status).toBe(400);
  return refusedOf(outcome.data);
}

test("an empty form: each field says what to write", async () => {
  // Nothing posted is the builder with nothing typed; the YAML form always posts its rubric.
  const { errors } = await create({});
  expect(errors.fields).toMatchObject({
    title: ["Write the title."],
    skills: ["Pick at least one skill."],
    bands: ["Pick at least one experience band."],
    criteria: ["Write at least 3 criteria."],
    probes: ["Write at least 2 follow-up questions, one per line."],
    tips: ["Write at least one tip."],
  });
  expectSentences(messagesOf({ errors }));
  const yaml = await create({ rubric: "" });
  expect(yaml.errors.fields).toMatchObject({
    title: ["Write the title."],
    rubric: ["Write the rubric: at least 3 criteria, shaped like the template."],
  });
  expectSentences(messagesOf(yaml));
});

test("no skills, no criteria, malformed YAML, too long: sentences, never zod's words", async () => {
  const base = ownQuestion("checked");
  const cases: [Record<string, string | string[]>, string, string][] = [
    [{ skills: "" }, "skills", "Pick at least one skill."],
    [{ rubric: "[]" }, "rubric", "Write at least 3 criteria."],
    [
      { rubric: "- id: [unclosed" },
      "rubric",
      "The rubric could not be read as YAML (line 1, column 16): check its indentation, colons and brackets against the template.",
    ],
    [
      { rubric: "just some words" },
      "rubric",
      "Write the rubric as a list of criteria, each starting with “- id:”.",
    ],
    [
      {
        rubric: RUBRIC_TEMPLATE.replace(
          "phrasings:\n        - a phrase that says it\n        - another way to say it\n",
          "phrasings: []\n",
        ),
      },
      "rubric",
      "Criterion 1, key point 1: add at least one phrasing: words that say the point.",
    ],
    [
      { rubric: RUBRIC_TEMPLATE.replace("weight: 1", "weight: 0") },
      "rubric",
      "Criterion 1: give the weight as a number above 0.",
    ],
    [{ title: "t".repeat(161) }, "title", "Keep the title to 160 characters or fewer."],
    [
      { strong: "s".repeat(20_001) },
      "strong",
      "This is far too long: keep it under 20,000 characters.",
    ],
    [{ minutes: "five" }, "minutes", "Give the minutes as a whole number, like 5."],
  ];
  for (const [change, field, sentence] of cases) {
    const data = await create(questionForm(base, change));
    expect(data.errors.fields[field]).toContain(sentence);
    expectSentences(messagesOf(data));
  }
});

test("editing your own question says the same; another user's question is a 404", async () => {
  const created = await run(
    newAction,
    post("/questions/new", questionForm(ownQuestion("mine")), { cookie: alice.cookie }),
  );
  expect(created.status).toBe(302);
  const path = "/questions/custom/mine/edit";
  const edited = await run(
    editAction,
    post(path, questionForm(ownQuestion("mine"), { skills: "", rubric: "[]" }), {
      cookie: alice.cookie,
    }),
    { slug: "mine" },
  );
  expect(edited.status).toBe(400);
  expect(refusedOf(edited.data).errors.fields).toMatchObject({
    skills: ["Pick at least one skill."],
    rubric: ["Write at least 3 criteria."],
  });
  expectSentences(messagesOf(edited.data));
  const bob = await createSignedInUser("bob");
  const foreign = await run(
    editAction,
    post(path, questionForm(ownQuestion("mine")), { cookie: bob.cookie }),
    { slug: "mine" },
  );
  expect(foreign.status).toBe(404);
});

test("a refused pack lists sentences with their place, never zod's words", async () => {
  const noSkills = { ...ownQuestion("no-skills"), skills: [] };
  const noCriteria = { ...ownQuestion("no-criteria"), rubric: [] };
  const bodies = [
    stringify({ pack: 1, questions: [noSkills, noCriteria, { id: "only-an-id" }] }),
    "pack: 1\nquestions: [unclosed\n",
    "",
    "- a list\n",
  ];
  const all: string[] = [];
  for (const body of bodies) {
    const outcome = await run(
      importAction,
      upload("/questions/import", { name: "pack.yaml", body }, { cookie: alice.cookie }),
    );
    expect(outcome.status).toBe(400);
    all.push(...messagesOf(outcome.data));
  }
  expect(all).toContain("Question 1: pick at least one skill.");
  expect(all).toContain("Question 2: write at least 3 criteria.");
  expect(all).toContain("Question 3: add the title.");
  expect(all).toContain("The file is empty.");
  expectSentences(all);
});
