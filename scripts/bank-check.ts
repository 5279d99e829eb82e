/**
 * npm run bank:check [DIR]
 *
 * Validates every question file in the bank (default: question-bank/) and the
 * ready rounds, listing every file at fault with the field at fault, then
 * prints how many questions exist per skill and band, per kind and per role.
 * Exits 1 when anything is wrong.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bankCoverage, formatCoverage } from "~/question-bank/bank-coverage";
import { BankFileError, scanBankDir } from "~/question-bank/load-bank.server";
import { readReadyRounds } from "~/rounds/ready-rounds.server";

export interface BankCheck {
  ok: boolean;
  questions: number;
  readyRounds: number;
  errors: BankFileError[];
}

/** Checks the bank in `dir`, writing the report line by line to `print`. */
export function checkBank(dir: string, print: (line: string) => void): BankCheck {
  const { questions, errors } = scanBankDir(dir);
  let readyRounds = 0;
  try {
    readyRounds = readReadyRounds(dir, questions).length;
  } catch (error) {
    if (!(error instanceof BankFileError)) throw error;
    errors.push(error);
  }
  for (const error of errors) {
    const relative = path.relative(process.cwd(), error.file);
    print(`✗ ${relative.startsWith("..") ? error.file : relative}`);
    for (const problem of error.problems) print(`    ${problem}`);
  }
  print(
    `${questions.length} valid questions, ${readyRounds} ready rounds, ${errors.length} ${errors.length === 1 ? "file" : "files"} with problems.`,
  );
  print("");
  for (const line of formatCoverage(bankCoverage(questions))) print(line);
  return { ok: errors.length === 0, questions: questions.length, readyRounds, errors };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const dir = path.resolve(process.argv[2] ?? process.env.QUESTION_BANK_DIR ?? "question-bank");
  const result = checkBank(dir, (line) => console.log(line));
  process.exitCode = result.ok ? 0 : 1;
}
