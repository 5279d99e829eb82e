import type { SubmissionResult } from "@conform-to/react";
import type { Question } from "~/question-bank/question-schema";
import type { FormErrors } from "~/utils/forms";
import { parseSubmission } from "~/utils/submission.server";
import { z } from "~/utils/zod";
import { addCustomQuestions } from "./add-custom-questions.server";
import { customQuestionFormSchema, validateCustomQuestion } from "./custom-question-form";
import { updateCustomQuestion } from "./custom-questions.server";
import { applyRowIntent, parseIntent } from "./builder-intents";
import { PROBLEMS_ID, type BuilderValues } from "./question-builder";
import { readBuilderForm, validateBuilder } from "./question-builder-form.server";

export type SaveResult =
  { ok: true; question: Question } | { ok: false; result: SubmissionResult<string[]> };

/**
 * The YAML form's schema: its transport limits, then the question its fields
 * assemble, checked by the bank's rules; each problem a sentence filed under
 * its field (or the form's), as `validateCustomQuestion` says it. Editing
 * keeps the question's id whatever is posted.
 */
function questionFormSchema(fixedSlug?: string) {
  return customQuestionFormSchema.transform((form, ctx) => {
    const checked = validateCustomQuestion(
      fixedSlug === undefined ? form : { ...form, id: fixedSlug },
    );
    if (checked.ok) return checked.question;
    for (const message of checked.errors.form) ctx.addIssue({ code: "custom", message, path: [] });
    for (const [field, messages] of Object.entries(checked.errors.fields))
      for (const message of messages ?? [])
        ctx.addIssue({ code: "custom", message, path: [field] });
    return z.NEVER;
  });
}

/** The posted YAML form as a validated question, or its reply: the problems, with the typed values kept. */
function readForm(formData: FormData, fixedSlug?: string) {
  return parseSubmission(formData, { schema: questionFormSchema(fixedSlug) });
}

/** Adds the question, or the problems the user's other questions make for it (its id taken, too many), by field. */
function addOne(
  userId: string,
  question: Question,
): { form: string[]; fields: Record<string, string[]> } | null {
  const added = addCustomQuestions(userId, [question]);
  if (added.ok) return null;
  const errors = { form: [] as string[], fields: {} as Record<string, string[]> };
  for (const { index, message } of added.problems) {
    if (index === null) errors.form.push(message);
    else errors.fields.id = [...(errors.fields.id ?? []), message];
  }
  return errors;
}

/** Creates the user's question, or says why not (every problem by field); nothing is written on failure. */
export function createFromForm(userId: string, formData: FormData): SaveResult {
  const submission = readForm(formData);
  if (submission.status !== "success") return { ok: false, result: submission.reply() };
  const errors = addOne(userId, submission.value);
  if (!errors) return { ok: true, question: submission.value };
  const result = submission.reply({ formErrors: errors.form, fieldErrors: errors.fields });
  return { ok: false, result };
}

/** Replaces the content of the user's question `slug`; null when they have no such question. */
export function updateFromForm(
  userId: string,
  slug: string,
  formData: FormData,
): SaveResult | null {
  const submission = readForm(formData, slug);
  if (submission.status !== "success") return { ok: false, result: submission.reply() };
  return updateCustomQuestion(userId, submission.value)
    ? { ok: true, question: submission.value }
    : null;
}

/** What a post of the builder comes to: the question saved, or the builder shown again. */
export type BuilderOutcome =
  | { saved: true; question: Question }
  | {
      saved: false;
      /** 200 after a row was added or removed; 400 when something was refused. */
      status: 200 | 400;
      values: BuilderValues;
      errors: FormErrors;
      /** The id of the element to focus on the page shown next, if any. */
      focus: string | null;
      /** A short status for screen readers ("Criterion 4 added."). */
      said: string | null;
    };

const NO_ERRORS: FormErrors = { form: [], fields: {} };

/**
 * A post of the question builder. "Add …" and "Remove …" buttons give back the
 * posted values with a row more or fewer and write nothing; only "Save" (or
 * Enter in a field) validates and saves, creating the question or, with
 * `slug`, replacing the user's question of that slug. Null when that
 * question is gone.
 */
export function saveFromBuilder(
  userId: string,
  formData: FormData,
  slug?: string,
): BuilderOutcome | null {
  const read = readBuilderForm(formData);
  const values = slug === undefined ? read.values : { ...read.values, id: slug };
  const refuse = (errors: FormErrors): BuilderOutcome => ({
    saved: false,
    status: 400,
    values,
    errors,
    focus: PROBLEMS_ID,
    said: null,
  });
  if (read.errors) return refuse(read.errors);
  const intent = parseIntent(read.intent);
  if (!intent)
    return refuse({
      form: ["That button is not one this form has: nothing was changed."],
      fields: {},
    });
  if (intent.type !== "save") {
    const applied = applyRowIntent(values, intent);
    if (!applied.ok) return refuse({ form: [applied.message], fields: {} });
    return { saved: false, status: 200, errors: NO_ERRORS, ...applied };
  }
  const checked = validateBuilder(values);
  if (!checked.ok) return refuse(checked.errors);
  if (slug !== undefined) {
    return updateCustomQuestion(userId, checked.question)
      ? { saved: true, question: checked.question }
      : null;
  }
  const errors = addOne(userId, checked.question);
  return errors ? refuse(errors) : { saved: true, question: checked.question };
}
