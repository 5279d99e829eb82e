import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { getEnv } from "~/env.server";
import { formatZodIssues } from "./format-issues";
import { bankIdProblem } from "./question-ids";
import { questionSchema, type Question } from "./question-schema";

export { formatZodIssues };

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

/** Files in the bank folder that are not questions. */
export const READY_ROUNDS_FILE = "ready-rounds.yaml";

export interface BankScan {
  /** The questions of every valid file. */
  questions: Question[];
  /** Every file at fault, each with all its problems: the app stops on the first, `npm run bank:check` lists them all. */
  errors: BankFileError[];
}

/**
 * Reads and validates every question file (`*.yaml`, `*.yml`) in `dir`: each
 * must satisfy the schema, be named after its id, and have an id and a title
 * no other file has.
 */
export function scanBankDir(dir: string): BankScan {
  const names = readdirSync(dir)
    .filter(
      (name) => (name.endsWith(".yaml") || name.endsWith(".yml")) && name !== READY_ROUNDS_FILE,
    )
    .sort();
  const questions: Question[] = [];
  const errors: BankFileError[] = [];
  const ids = new Map<string, string>();
  const titles = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    let question: Question;
    try {
      question = parseQuestionFile(file, readFileSync(file, "utf8"));
    } catch (error) {
      if (error instanceof BankFileError) {
        errors.push(error);
        continue;
      }
      throw error;
    }
    const problems: string[] = [];
    const stem = name.replace(/\.ya?ml$/, "");
    if (stem !== question.id)
      problems.push(
        `id: "${question.id}" does not match the file name; name the file ${question.id}.yaml`,
      );
    const reserved = bankIdProblem(question.id);
    if (reserved) problems.push(`id: ${reserved}`);
    const idClash = ids.get(question.id);
    if (idClash) problems.push(`id: "${question.id}" is already used by ${idClash}`);
    const titleClash = titles.get(question.title.toLowerCase());
    if (titleClash) problems.push(`title: "${question.title}" is already used by ${titleClash}`);
    if (problems.length > 0) {
      errors.push(new BankFileError(file, problems));
      continue;
    }
    ids.set(question.id, file);
    titles.set(question.title.toLowerCase(), file);
    questions.push(question);
  }
  return { questions, errors };
}

/** The bank in `dir`, or the first file at fault thrown as a `BankFileError`. */
export function loadBankFrom(dir: string): Question[] {
  const { questions, errors } = scanBankDir(dir);
  if (errors[0]) throw errors[0];
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
