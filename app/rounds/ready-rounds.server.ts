import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { getEnv } from "~/env.server";
import {
  BankFileError,
  formatZodIssues,
  getBank,
  READY_ROUNDS_FILE,
} from "~/question-bank/load-bank.server";
import type { Question } from "~/question-bank/question-schema";
import { readyRoundsFileSchema, type ReadyRound } from "./ready-rounds-schema";

export interface ResolvedReadyRound extends Omit<ReadyRound, "questions"> {
  questions: Question[];
}

/**
 * Validates the ready-rounds file and resolves every listed id against the
 * bank; any problem (with its path) fails the whole file, like a question file.
 */
export function parseReadyRounds(
  file: string,
  source: string,
  bank: readonly Question[],
): ResolvedReadyRound[] {
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch (error) {
    throw new BankFileError(file, [`YAML: ${(error as Error).message.split("\n")[0]}`]);
  }
  const result = readyRoundsFileSchema.safeParse(data);
  if (!result.success) throw new BankFileError(file, formatZodIssues(result.error));
  const byId = new Map(bank.map((q) => [q.id, q]));
  const problems: string[] = [];
  const rounds = result.data.rounds.map((round, i) => ({
    ...round,
    questions: round.questions.flatMap((id, j) => {
      const question = byId.get(id);
      if (!question)
        problems.push(`rounds.${i}.questions.${j}: "${id}" is not a question in the bank`);
      return question ? [question] : [];
    }),
  }));
  if (problems.length > 0) throw new BankFileError(file, problems);
  return rounds;
}

/** The ready rounds of the bank in `dir`. */
export function readReadyRounds(dir: string, bank: readonly Question[]): ResolvedReadyRound[] {
  const file = path.join(dir, READY_ROUNDS_FILE);
  if (!existsSync(file))
    throw new BankFileError(file, ["(file): missing; list the ready rounds here"]);
  return parseReadyRounds(file, readFileSync(file, "utf8"), bank);
}

let readyRounds: ResolvedReadyRound[] | undefined;

/** The shipped ready rounds, loaded and checked against the bank once per process. */
export function getReadyRounds(): ResolvedReadyRound[] {
  readyRounds ??= readReadyRounds(path.resolve(getEnv().QUESTION_BANK_DIR), getBank());
  return readyRounds;
}

export function findReadyRound(id: string): ResolvedReadyRound | undefined {
  return getReadyRounds().find((round) => round.id === id);
}
