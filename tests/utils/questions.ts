import { readFileSync } from "node:fs";
import { parseQuestionFile } from "~/question-bank/load-bank.server";
import type { Question } from "~/question-bank/question-schema";
import { formValuesOf } from "~/custom-questions/custom-question-form";
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
) {
  return { ...formValuesOf(question), ...overrides };
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
