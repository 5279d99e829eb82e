import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { z } from "~/utils/zod";
import { issuesToSay, questionIssueMessage, sentenceAt } from "~/question-bank/format-issues";
import { BANDS, QUESTION_KINDS, ROLES } from "~/question-bank/question-choices";
import { questionSchema, type Question } from "~/question-bank/question-schema";
import type { FormErrors } from "~/utils/forms";
import type { QuestionChoices, YamlFormValues } from "./question-builder";
import { formatCount } from "~/utils/format-count";

/**
 * The custom-question form. It only collects text: the fields are assembled
 * into the same object a question file holds and validated by
 * `questionSchema`, so a question typed here obeys exactly the rules of the
 * bank's files. Each message is a sentence shown by its field, with its place
 * in front when it is deep in the rubric ("Criterion 2: add at least one key point.").
 */

/** The pick-lists' options, sent by the loaders: the pages cannot import the schema without shipping zod. */
export const QUESTION_CHOICES: QuestionChoices = {
  kinds: QUESTION_KINDS,
  bands: BANDS,
  roles: ROLES,
};

export const CUSTOM_QUESTION_ARRAY_FIELDS = ["bands", "roles"] as const;

/** Transport limits only: far above any length the schema allows, so a pasted novel is refused before it is parsed. */
const TEXT_MAX = 20_000;
export const RUBRIC_SOURCE_MAX = 100_000;
const raw = (max = TEXT_MAX) =>
  z
    .string()
    .max(max, `This is far too long: keep it under ${formatCount(max)} characters.`)
    .default("");

export const customQuestionFormSchema = z.object({
  id: raw(),
  title: raw(),
  kind: raw(),
  prompt: raw(),
  skills: raw(),
  competencies: raw(),
  bands: z.array(raw()).max(10, "Pick at most 10 bands."),
  roles: z.array(raw()).max(10, "Pick at most 10 roles."),
  minutes: raw(),
  rubric: raw(RUBRIC_SOURCE_MAX),
  strong: raw(),
  weak: raw(),
  probes: raw(),
  tips: raw(),
});

export type CustomQuestionForm = z.infer<typeof customQuestionFormSchema>;

/** A starting rubric with the shape filled in: three criteria, the fewest a rubric may have. */
export const RUBRIC_TEMPLATE = stringifyYaml(
  [1, 2, 3].map((n) => ({
    id: `criterion-${n}`,
    name: `Criterion ${n}`,
    weight: 1,
    description: "What a 5 looks like on this criterion.",
    keyPoints: [
      {
        id: `point-${n}`,
        point: "What the interviewer listens for, as a sentence.",
        phrasings: ["a phrase that says it", "another way to say it"],
      },
    ],
    misconceptions: [],
  })),
);

/** A list typed as text: skills split by commas or spaces, probes, tips and phrasings by lines. */
export const listOf = (text: string, separator: RegExp) =>
  text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

/** The question's path as the form names it: `examples.strong` is the `strong` field. */
export function fieldOf(path: PropertyKey[]): string | null {
  const [first, second] = path;
  if (first === "examples" && (second === "strong" || second === "weak")) return second;
  return typeof first === "string" && first in customQuestionFormSchema.shape ? first : null;
}

/** Why the rubric's YAML could not be read, with where: the parser's own words name no place a person can find. */
function unreadableRubric(error: unknown): string {
  const at = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
  const where = at ? ` (line ${at.line}, column ${at.col})` : "";
  return `The rubric could not be read as YAML${where}: check its indentation, colons and brackets against the template.`;
}

export type CustomQuestionResult =
  { ok: true; question: Question } | { ok: false; errors: FormErrors };

/** Every field of the form but the rubric: what the YAML form and the builder share. */
export type QuestionFields = Omit<CustomQuestionForm, "rubric">;

/** The object a question file would hold, from the form's text fields and a rubric however it was written. */
export function candidateQuestion(form: QuestionFields, rubric: unknown) {
  return {
    id: form.id.trim(),
    title: form.title,
    kind: form.kind,
    prompt: form.prompt,
    skills: listOf(form.skills, /[,\s]+/),
    competencies: listOf(form.competencies, /[,\s]+/),
    bands: form.bands,
    roles: form.roles,
    // A whole number becomes a number; anything else stays text so the schema names it.
    minutes: /^\s*\d{1,4}\s*$/.test(form.minutes) ? Number(form.minutes) : form.minutes,
    rubric,
    examples: { strong: form.strong, weak: form.weak },
    probes: listOf(form.probes, /\r?\n/),
    tips: listOf(form.tips, /\r?\n/),
  };
}

/**
 * Validates a candidate question with the bank's schema. Each problem becomes
 * a sentence with its place in front, filed under the field `fieldFor` names
 * (the form's own list when it names none); `fields` may already hold
 * problems found before the schema ran, and `skip` drops issues they already say.
 */
export function checkCandidate(
  candidate: unknown,
  fieldFor: (path: PropertyKey[]) => string | null,
  fields: Record<string, string[]> = {},
  skip: (field: string | null, path: PropertyKey[]) => boolean = () => false,
): CustomQuestionResult {
  const result = questionSchema.safeParse(candidate, { error: questionIssueMessage });
  const formErrors: string[] = [];
  if (!result.success) {
    for (const issue of issuesToSay(result.error.issues)) {
      const field = fieldFor(issue.path);
      if (skip(field, issue.path)) continue;
      const message = sentenceAt(issue.path, issue.message);
      if (field) (fields[field] ??= []).push(message);
      else formErrors.push(message);
    }
  }
  if (!result.success || Object.keys(fields).length > 0)
    return { ok: false, errors: { form: formErrors, fields } };
  return { ok: true, question: result.data };
}

/** Builds the candidate question from the form and validates it with the bank's schema. */
export function validateCustomQuestion(form: CustomQuestionForm): CustomQuestionResult {
  const fields: Record<string, string[]> = {};
  const report = (field: string, message: string) => (fields[field] ??= []).push(message);
  let rubric: unknown;
  // When the rubric cannot be read at all, say why once instead of adding the schema's "expected array".
  let rubricUnreadable = false;
  if (form.rubric.trim() === "") {
    report("rubric", "Write the rubric: at least 3 criteria, shaped like the template.");
    rubricUnreadable = true;
  } else {
    try {
      rubric = parseYaml(form.rubric);
    } catch (error) {
      report("rubric", unreadableRubric(error));
      rubricUnreadable = true;
    }
  }
  return checkCandidate(
    candidateQuestion(form, rubric),
    fieldOf,
    fields,
    (field, path) => rubricUnreadable && field === "rubric" && path.length === 1,
  );
}

/** A stored question's fields other than its rubric as both editors show them: lists as text, one item per line or comma. */
export function questionFieldsOf(question: Question) {
  return {
    id: question.id,
    title: question.title,
    kind: question.kind,
    prompt: question.prompt,
    skills: question.skills.join(", "),
    competencies: question.competencies.join(", "),
    bands: [...question.bands],
    roles: [...question.roles],
    minutes: String(question.minutes),
    strong: question.examples.strong,
    weak: question.examples.weak,
    probes: question.probes.join("\n"),
    tips: question.tips.join("\n"),
  };
}

/** A stored question as the YAML form shows it, for editing. */
export function formValuesOf(question: Question): YamlFormValues {
  return { ...questionFieldsOf(question), rubric: stringifyYaml(question.rubric) };
}

/** The empty form: backend, a mid band, five minutes and the rubric template ready to fill in. */
export const NEW_QUESTION_VALUES: Partial<YamlFormValues> = {
  kind: "concept",
  bands: ["3-5"],
  roles: ["backend"],
  minutes: "5",
  rubric: RUBRIC_TEMPLATE,
};
