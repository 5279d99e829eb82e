import { describe, expect, test } from "vitest";
import { scanBankDir } from "~/question-bank/load-bank.server";
import { questionSchema, type Question } from "~/question-bank/question-schema";
import { ECHO_CHARS_MAX } from "~/utils/forms";
import { applyRowIntent, parseIntent } from "./builder-intents";
import { CRITERIA_MAX, CRITERIA_MIN, KEY_POINTS_MAX, type BuilderValues } from "./question-builder";
import {
  builderValuesOf,
  NEW_BUILDER_VALUES,
  readBuilderForm,
  UNREADABLE_FIELDS,
  validateBuilder,
} from "./question-builder-form.server";

const bank = scanBankDir("question-bank").questions;
const rest = bank.find((q) => q.id === "explain-rest-apis")!;

function formData(fields: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
}

describe("the builder's limits are the schema's", () => {
  const withCriteria = (n: number): Question => ({
    ...rest,
    rubric: Array.from({ length: n }, (_, i) => ({ ...rest.rubric[0]!, id: `c-${i}` })),
  });
  const withKeyPoints = (n: number): Question => ({
    ...rest,
    rubric: rest.rubric.map((c, i) =>
      i > 0 ? c : { ...c, keyPoints: Array.from({ length: n }, () => c.keyPoints[0]!) },
    ),
  });

  test.each([
    ["fewest criteria", withCriteria(CRITERIA_MIN), withCriteria(CRITERIA_MIN - 1)],
    ["most criteria", withCriteria(CRITERIA_MAX), withCriteria(CRITERIA_MAX + 1)],
    ["most key points", withKeyPoints(KEY_POINTS_MAX), withKeyPoints(KEY_POINTS_MAX + 1)],
  ])("%s", (_name, within, beyond) => {
    expect(questionSchema.safeParse(within).success).toBe(true);
    expect(questionSchema.safeParse(beyond).success).toBe(false);
  });
});

describe("every bank question, shown in the builder and saved unchanged, is the same question", () => {
  test.each(bank.map((q) => [q.id, q] as const))("%s", (_id, question) => {
    expect(validateBuilder(builderValuesOf(question))).toEqual({ ok: true, question });
  });
});

describe("reading the builder's post", () => {
  test("rows are read by index (a gap closes up); a repeated name counts once; other names are ignored", () => {
    const read = readBuilderForm(
      formData([
        ["criteria[2].name", "Third"],
        ["criteria[0].name", "First"],
        ["criteria[0].name", "First again"],
        ["criteria[0].keyPoints[3].point", "Fourth point"],
        ["criteria[0].keyPoints[0].point", "First point"],
        ["title", "A title"],
        ["title", "Another title"],
        ["intent", "add-criterion"],
        ["intent", "save"],
        ["utm_source", "newsletter"],
      ]),
    );
    expect(read.errors).toBeNull();
    expect(read.intent).toBe("add-criterion");
    expect(read.values.title).toBe("A title");
    expect(read.values.criteria.map((c) => c.name)).toEqual(["First", "Third"]);
    expect(read.values.criteria[0]!.keyPoints.map((p) => p.point)).toEqual([
      "First point",
      "Fourth point",
    ]);
  });

  test("an index past one row over the limit, signed, padded or not a number refuses the post", () => {
    for (const name of [
      `criteria[${CRITERIA_MAX + 1}].name`,
      `criteria[0].keyPoints[${KEY_POINTS_MAX + 1}].point`,
      "criteria[99999].name",
      "criteria[9999999999].name",
      "criteria[-1].name",
      "criteria[+1].name",
      "criteria[00].name",
      "criteria[ 1].name",
      "criteria[1].name.more",
      "criteria",
    ]) {
      const read = readBuilderForm(
        formData([
          ["criteria[0].name", "Kept"],
          [name, "x"],
        ]),
      );
      expect(read.errors, name).toEqual({ form: [UNREADABLE_FIELDS], fields: {} });
      expect(read.values.criteria.map((c) => c.name)).toEqual(["Kept"]);
    }
    const oneOver = readBuilderForm(formData([[`criteria[${CRITERIA_MAX}].name`, "x"]]));
    expect(oneOver.errors).toBeNull();
  });

  test("what is read is bounded: checkbox lists stop at 11, values at the echo limit", () => {
    const read = readBuilderForm(
      formData([
        ...Array.from({ length: 5000 }, (): [string, string] => ["bands", "3-5"]),
        ["criteria[0].description", "d".repeat(ECHO_CHARS_MAX + 10)],
      ]),
    );
    expect(read.values.bands).toHaveLength(11);
    expect(read.errors?.fields.bands).toEqual(["Pick at most 10 bands."]);
    expect(read.values.criteria[0]!.description).toHaveLength(ECHO_CHARS_MAX);
  });
});

describe("row buttons", () => {
  const values: BuilderValues = NEW_BUILDER_VALUES;

  test.each([
    ["save", { type: "save" }],
    [null, { type: "save" }],
    ["add-criterion", { type: "add-criterion" }],
    ["remove-criterion:2", { type: "remove-criterion", criterion: 2 }],
    ["add-key-point:0", { type: "add-key-point", criterion: 0 }],
    ["remove-key-point:1:0", { type: "remove-key-point", criterion: 1, keyPoint: 0 }],
    ["remove-criterion:-1", null],
    ["remove-criterion:01", null],
    ["remove-criterion:1000", null],
    ["remove-key-point:1", null],
    ["delete-everything", null],
    ["", null],
  ])("%s", (value, intent) => {
    expect(parseIntent(value)).toEqual(intent);
  });

  test("no button goes past a limit or acts on a row that is not there", () => {
    const six = {
      ...values,
      criteria: Array.from({ length: CRITERIA_MAX }, () => values.criteria[0]!),
    };
    expect(applyRowIntent(six, { type: "add-criterion" })).toEqual({
      ok: false,
      message: "A question has at most 6 criteria: remove one before adding another.",
    });
    const full = {
      ...values,
      criteria: [
        {
          ...values.criteria[0]!,
          keyPoints: Array.from(
            { length: KEY_POINTS_MAX },
            () => values.criteria[0]!.keyPoints[0]!,
          ),
        },
      ],
    };
    expect(applyRowIntent(full, { type: "add-key-point", criterion: 0 })).toMatchObject({
      ok: false,
      message:
        "Criterion 1 has 12 key points, the most it can have: remove one before adding another.",
    });
    expect(applyRowIntent(values, { type: "remove-criterion", criterion: 3 }).ok).toBe(false);
    expect(applyRowIntent(values, { type: "add-key-point", criterion: 3 }).ok).toBe(false);
    expect(applyRowIntent(values, { type: "remove-key-point", criterion: 0, keyPoint: 1 }).ok).toBe(
      false,
    );
  });

  test("removing the last criterion moves focus to Add criterion", () => {
    const one = { ...values, criteria: [values.criteria[0]!] };
    expect(applyRowIntent(one, { type: "remove-criterion", criterion: 0 })).toMatchObject({
      ok: true,
      values: { criteria: [] },
      focus: "add-criterion",
      said: "Criterion 1 removed.",
    });
  });
});
