import type { Question } from "~/question-bank/question-schema";
import { parseForm, type FormErrors, type FormValues } from "~/utils/forms";
import { addCustomQuestions } from "./add-custom-questions.server";
import {
  CUSTOM_QUESTION_ARRAY_FIELDS,
  customQuestionFormSchema,
  validateCustomQuestion,
} from "./custom-question-form";
import { updateCustomQuestion } from "./custom-questions.server";

export type SaveResult =
  { ok: true; question: Question } | { ok: false; errors: FormErrors; values: FormValues };

/** The posted form as a validated question, or its problems with the typed values kept. */
function readForm(formData: FormData, fixedSlug?: string) {
  const form = parseForm(customQuestionFormSchema, formData, CUSTOM_QUESTION_ARRAY_FIELDS);
  // Each message is already a sentence, shown beside its field.
  if (!form.ok) return form;
  const fields = fixedSlug === undefined ? form.data : { ...form.data, id: fixedSlug };
  const checked = validateCustomQuestion(fields);
  return { ...checked, values: fields as FormValues };
}

/** Creates the user's question, or says why not (every problem by path); nothing is written on failure. */
export function createFromForm(userId: string, formData: FormData): SaveResult {
  const read = readForm(formData);
  if (!read.ok) return read;
  const added = addCustomQuestions(userId, [read.question]);
  if (added.ok) return read;
  const errors: FormErrors = { form: [], fields: {} };
  for (const { index, message } of added.problems) {
    if (index === null) errors.form.push(message);
    else errors.fields.id = [...(errors.fields.id ?? []), message];
  }
  return { ok: false, errors, values: read.values };
}

/** Replaces the content of the user's question `slug`; null when they have no such question. */
export function updateFromForm(
  userId: string,
  slug: string,
  formData: FormData,
): SaveResult | null {
  const read = readForm(formData, slug);
  if (!read.ok) return read;
  return updateCustomQuestion(userId, read.question) ? read : null;
}
