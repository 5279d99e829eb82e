import { readFileSync } from "node:fs";
import { parseQuestionFile } from "~/question-bank/load-bank.server";
import type { Question } from "~/question-bank/question-schema";
import { formValuesOf } from "~/custom-questions/custom-question-form";
import type { BuilderValues } from "~/custom-questions/question-builder";
import { builderValuesOf } from "~/custom-questions/question-builder-form.server";
import { ORIGIN } from "./routes";

/** Factories for custom questions and packs: valid questions built from a bank file, posted as a person would. */

const bankFile = (file: string) => parseQuestionFile(file, readFileSync(file, "utf8"));
const REST = bankFile("question-bank/explain-rest-apis.yaml");
const INCIDENT = bankFile("question-bank/production-incident.yaml");

/** A valid question of one's own, with a fresh id and title (the bank's REST rubric underneath). */
export function ownQuestion(slug: string, overrides: Partial<Question> = {}): Question {
  return {
    ...REST,
    id: slug,
    title: `Explain ${slug.replace(/-/g, " ")}`,
    skills: ["kafka-streams", "messaging"],
    ...overrides,
  };
}

/** A behavioural question of one's own exercising `competencies` (the bank's incident rubric underneath). */
export function ownBehaviouralQuestion(slug: string, competencies: string[]): Question {
  return { ...INCIDENT, id: slug, title: `Tell me about ${slug.replace(/-/g, " ")}`, competencies };
}

/** The custom-question form's fields for a question, as the browser posts them. */
export function questionForm(
  question: Question,
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return { ...formValuesOf(question), ...overrides };
}

/**
 * The question builder's fields as the browser posts them: `criteria[0].keyPoints[1].point` and
 * so on, hidden ids and misconceptions included, then `overrides` (an `intent`, a changed field).
 */
export function builderForm(
  values: BuilderValues,
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  const { criteria, ...top } = values;
  const form: Record<string, string | string[]> = { ...top };
  criteria.forEach((criterion, c) => {
    form[`criteria[${c}].id`] = criterion.id;
    form[`criteria[${c}].name`] = criterion.name;
    form[`criteria[${c}].weight`] = criterion.weight;
    form[`criteria[${c}].description`] = criterion.description;
    if (criterion.misconceptions) form[`criteria[${c}].misconceptions`] = criterion.misconceptions;
    criterion.keyPoints.forEach((point, k) => {
      for (const key of ["id", "point", "phrasings", "meaning"] as const)
        form[`criteria[${c}].keyPoints[${k}].${key}`] = point[key];
    });
  });
  return { ...form, ...overrides };
}

/** A saved question as the builder shows it, posted back (with `overrides`). */
export function questionBuilderForm(
  question: Question,
  overrides: Record<string, string | string[]> = {},
) {
  return builderForm(builderValuesOf(question), overrides);
}

/** A multipart upload of one file to `path`, as the import form sends it. */
export function upload(
  path: string,
  file: { name: string; body: string | Uint8Array<ArrayBuffer>; type?: string } | null,
  { cookie, origin = ORIGIN }: { cookie?: string; origin?: string | null } = {},
): Request {
  const body = new FormData();
  if (file)
    body.append(
      "pack",
      new File([file.body], file.name, { type: file.type ?? "application/octet-stream" }),
    );
  const headers: Record<string, string> = {};
  if (cookie) headers.Cookie = cookie;
  if (origin) headers.Origin = origin;
  return new Request(`${ORIGIN}${path}`, { method: "POST", body, headers });
}
