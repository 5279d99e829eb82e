import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parseQuestionFile } from "~/question-bank/load-bank.server";
import {
  customQuestionFormSchema,
  formValuesOf,
  RUBRIC_TEMPLATE,
  validateCustomQuestion,
  type CustomQuestionForm,
} from "./custom-question-form";

const bankQuestion = parseQuestionFile(
  "question-bank/explain-docker.yaml",
  readFileSync("question-bank/explain-docker.yaml", "utf8"),
);

/** The form as the edit page would fill it for a bank question, with some fields changed. */
function form(overrides: Partial<CustomQuestionForm> = {}): CustomQuestionForm {
  return { ...customQuestionFormSchema.parse(formValuesOf(bankQuestion)), ...overrides };
}

function fieldErrors(overrides: Partial<CustomQuestionForm>) {
  const result = validateCustomQuestion(form(overrides));
  if (result.ok) throw new Error("expected the form to be refused");
  return result.errors.fields;
}

describe("the custom-question form is validated by the question schema", () => {
  test("a question's own fields, shown in the form and read back, give the same question", () => {
    const result = validateCustomQuestion(form());
    expect(result).toEqual({ ok: true, question: bankQuestion });
  });

  test("lists are split: skills by commas or spaces, probes and tips by lines", () => {
    const result = validateCustomQuestion(
      form({
        skills: " kafka,  messaging\tqueues ,",
        probes: "One?\n\n  Two?  \r\nThree?",
        tips: "Only tip",
      }),
    );
    expect(result.ok && result.question.skills).toEqual(["kafka", "messaging", "queues"]);
    expect(result.ok && result.question.probes).toEqual(["One?", "Two?", "Three?"]);
    expect(result.ok && result.question.tips).toEqual(["Only tip"]);
  });

  test("empty fields are named by their path", () => {
    const fields = fieldErrors({
      id: "",
      title: "  ",
      prompt: "",
      skills: "",
      bands: [],
      roles: [],
      strong: "",
      probes: "",
      tips: "",
    });
    expect(fields.id).toEqual([expect.stringMatching(/^id: must be lower-case words/)]);
    expect(fields.title).toEqual(["title: must not be empty"]);
    expect(fields.prompt).toEqual(["prompt: must not be empty"]);
    expect(fields.skills?.[0]).toMatch(/^skills: /);
    expect(fields.bands?.[0]).toMatch(/^bands: /);
    expect(fields.roles?.[0]).toMatch(/^roles: /);
    expect(fields.strong).toEqual(["examples.strong: must not be empty"]);
    expect(fields.probes?.[0]).toMatch(/^probes: /);
    expect(fields.tips?.[0]).toMatch(/^tips: /);
  });

  test("too long and malformed values are named by their path", () => {
    const fields = fieldErrors({
      id: "Has Spaces",
      title: "t".repeat(161),
      kind: "trivia",
      skills: "kafka, Not_A_Slug",
      bands: ["3-5", "1-2"],
      minutes: "ten",
      weak: "w".repeat(8001),
    });
    expect(fields.id?.[0]).toMatch(/^id: must be lower-case words/);
    expect(fields.title).toEqual(["title: must be at most 160 characters"]);
    expect(fields.kind?.[0]).toMatch(/^kind: /);
    expect(fields.skills?.[0]).toMatch(/^skills\.1: must be lower-case words/);
    expect(fields.bands?.[0]).toMatch(/^bands\.1: /);
    expect(fields.minutes?.[0]).toMatch(/^minutes: /);
    expect(fields.weak).toEqual(["examples.weak: must be at most 8000 characters"]);
    expect(validateCustomQuestion(form({ minutes: "61" })).ok).toBe(false);
  });

  test("the rubric: not YAML, empty, or wrong deep inside, each named by its path", () => {
    expect(fieldErrors({ rubric: "- id: [unclosed" }).rubric).toEqual([
      expect.stringMatching(/^rubric: YAML: /),
    ]);
    expect(fieldErrors({ rubric: "  " }).rubric).toEqual([
      "rubric: must not be empty; start from the template",
    ]);
    expect(fieldErrors({ rubric: "just text" }).rubric?.[0]).toMatch(/^rubric: .*array/);
    const noKeyPoints = RUBRIC_TEMPLATE.replace(
      /keyPoints:\n(\s+- .*\n)(\s{6}.*\n)*/,
      "keyPoints: []\n",
    );
    expect(fieldErrors({ rubric: noKeyPoints }).rubric).toContain(
      "rubric.0.keyPoints: Too small: expected array to have >=1 items",
    );
    expect(
      fieldErrors({ rubric: `${RUBRIC_TEMPLATE}- id: criterion-1\n  surprise: 1\n` }).rubric?.join(
        "\n",
      ),
    ).toMatch(/^rubric\.3: .*surprise/m);
  });

  test("the starting template is a valid rubric to edit", () => {
    expect(validateCustomQuestion(form({ rubric: RUBRIC_TEMPLATE })).ok).toBe(true);
  });
});
