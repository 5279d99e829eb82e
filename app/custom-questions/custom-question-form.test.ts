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

describe("the custom-question form is validated by the question schema, in sentences", () => {
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

  // Issue 17, bug 7: every message is a sentence a person would write, never zod's own wording.
  const RAW_ZOD = /expected|Too small|Too big|Invalid input|Unrecognized key|received/;

  test("empty fields each say what to write", () => {
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
    expect(fields).toEqual({
      id: ["Use lower-case letters and digits, with hyphens between words, like “message-queues”."],
      title: ["Write the title."],
      prompt: ["Write the question as the interviewer asks it."],
      skills: ["Pick at least one skill."],
      bands: ["Pick at least one experience band."],
      roles: ["Pick at least one role."],
      strong: ["Write the strong example answer."],
      probes: ["Write at least 2 follow-up questions, one per line."],
      tips: ["Write at least one tip."],
    });
  });

  test("too long and malformed values say what to change, and where in a list", () => {
    const fields = fieldErrors({
      id: "Has Spaces",
      title: "t".repeat(161),
      kind: "trivia",
      skills: "kafka, Not_A_Slug",
      bands: ["3-5", "1-2"],
      minutes: "ten",
      weak: "w".repeat(8001),
    });
    expect(fields).toEqual({
      id: ["Use lower-case letters and digits, with hyphens between words, like “message-queues”."],
      title: ["Keep the title to 160 characters or fewer."],
      kind: ["Pick the kind: concept, design or behavioural."],
      skills: [
        "Skill 2: use lower-case letters and digits, with hyphens between words, like “message-queues”.",
      ],
      bands: ["Band 2: pick experience bands from the list: 0-2, 3-5, 5-8, 8-12, 12+."],
      minutes: ["Give the minutes as a whole number, like 5."],
      weak: ["Keep the weak example answer to 8000 characters or fewer."],
    });
    expect(fieldErrors({ minutes: "61" }).minutes).toEqual(["Allow at most 60 minutes."]);
  });

  test("the rubric: not YAML, empty, not a list, or wrong deep inside, each said with its place", () => {
    expect(fieldErrors({ rubric: "- id: [unclosed" }).rubric).toEqual([
      "The rubric could not be read as YAML (line 1, column 16): check its indentation, colons and brackets against the template.",
    ]);
    expect(fieldErrors({ rubric: "  " }).rubric).toEqual([
      "Write the rubric: at least 3 criteria, shaped like the template.",
    ]);
    expect(fieldErrors({ rubric: "just text" }).rubric).toEqual([
      "Write the rubric as a list of criteria, each starting with “- id:”.",
    ]);
    const noKeyPoints = RUBRIC_TEMPLATE.replace(
      /keyPoints:\n(\s+- .*\n)(\s{6}.*\n)*/,
      "keyPoints: []\n",
    );
    expect(fieldErrors({ rubric: noKeyPoints }).rubric).toContain(
      "Criterion 1: add at least one key point.",
    );
    expect(
      fieldErrors({ rubric: `${RUBRIC_TEMPLATE}- id: criterion-1\n  surprise: 1\n` }).rubric,
    ).toEqual([
      "Criterion 4: add the criterion's name.",
      "Criterion 4: give the weight as a number, like 1 or 2.",
      "Criterion 4: add what a 5 looks like on this criterion.",
      "Criterion 4: add the “keyPoints” field.",
      "Criterion 4: remove “surprise”: there is no such field here.",
    ]);
    const twice = RUBRIC_TEMPLATE.replace("id: criterion-2", "id: criterion-1");
    expect(fieldErrors({ rubric: twice }).rubric).toEqual([
      "Criterion 2: another criterion already has the id “criterion-1”: give each its own.",
    ]);
    expect(
      fieldErrors({ rubric: RUBRIC_TEMPLATE.replace("weight: 1", "weight: heavy") }).rubric,
    ).toEqual(["Criterion 1: give the weight as a number, like 1 or 2."]);
  });

  test("no message in any refused form is in zod's own words", () => {
    const bad: Partial<CustomQuestionForm>[] = [
      {
        id: "",
        title: "",
        prompt: "",
        skills: "",
        bands: [],
        roles: [],
        strong: "",
        weak: "",
        probes: "",
        tips: "",
        minutes: "",
      },
      { title: "t".repeat(20_001), kind: "", bands: ["9-9"], roles: ["chef"], minutes: "0" },
      { rubric: "" },
      { rubric: "a: [" },
      { rubric: "- 1\n- 2\n" },
      {
        rubric: RUBRIC_TEMPLATE.replace(/phrasings:\n(\s+- .*\n)+/, "phrasings: []\n").replace(
          "weight: 1",
          "weight: -1",
        ),
      },
    ];
    for (const overrides of bad) {
      const result = validateCustomQuestion(form(overrides));
      expect(result.ok).toBe(false);
      const messages = result.ok
        ? []
        : [...result.errors.form, ...Object.values(result.errors.fields).flat()];
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) {
        expect(message).not.toMatch(RAW_ZOD);
        expect(message).toMatch(/^[A-Z].*[.?]$/);
      }
    }
  });

  test("the starting template is a valid rubric to edit", () => {
    expect(validateCustomQuestion(form({ rubric: RUBRIC_TEMPLATE })).ok).toBe(true);
  });
});
