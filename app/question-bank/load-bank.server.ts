import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { getEnv } from "~/env.server";
import { questionSchema, type Question } from "./question-schema";

/** A question-bank file that failed to parse or validate, with its path and the field at fault. */
export class BankFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid question-bank file ${file}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "BankFileError";
  }
}

export function formatZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join(".") : "(root)";
    return `${field}: ${issue.message}`;
  });
}

export function parseQuestionFile(file: string, source: string): Question {
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch (error) {
    throw new BankFileError(file, [`YAML: ${(error as Error).message.split("\n")[0]}`]);
  }
  const result = questionSchema.safeParse(data);
  if (!result.success) throw new BankFileError(file, formatZodIssues(result.error));
  return result.data;
}

/** Reads and validates every `*.yaml` file in `dir`; ids and titles must be unique. */
export function loadBankFrom(dir: string): Question[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".yaml") || name.endsWith(".yml"))
    .sort();
  const questions: Question[] = [];
  const seenIds = new Map<string, string>();
  for (const name of files) {
    const file = path.join(dir, name);
    const question = parseQuestionFile(file, readFileSync(file, "utf8"));
    const clash = seenIds.get(question.id);
    if (clash) throw new BankFileError(file, [`id: "${question.id}" is already used by ${clash}`]);
    seenIds.set(question.id, file);
    questions.push(question);
  }
  return questions;
}


let bank: Question[] | undefined;

/** The built-in question bank, loaded and validated once per process. */
export function getBank(): Question[] {
  bank ??= loadBankFrom(path.resolve(getEnv().QUESTION_BANK_DIR));
  return bank;
}

export function findQuestion(idOrTitle: string): Question | undefined {
  const needle = idOrTitle.trim().toLowerCase();
  return getBank().find((q) => q.id === needle || q.title.toLowerCase() === needle);
}
