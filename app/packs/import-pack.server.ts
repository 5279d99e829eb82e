import { addCustomQuestions } from "~/custom-questions/add-custom-questions.server";
import { getBank } from "~/question-bank/load-bank.server";
import { splitBankReferences } from "./bank-references";
import { readPack } from "./read-pack";
import type { PackFormat } from "./pack-schema";
import { sentenceAt } from "~/question-bank/format-issues";

export type ImportResult =
  | { ok: true; imported: { id: string; title: string }[]; references: number }
  | { ok: false; problems: string[] };

/**
 * Imports a pack's text as the user's own questions. Bank questions in it are
 * references (everyone has the bank): skipped and counted. The rest are added
 * all together or, on any problem (shape, a repeated id, an id the bank or the
 * user already has, the limit), not at all, with every problem said as a sentence with its place.
 */
export function importPack(userId: string, source: string, format: PackFormat): ImportResult {
  const pack = readPack(source, format);
  if (!pack.ok) return pack;
  const { own, references } = splitBankReferences(pack.questions, getBank());
  if (own.length === 0) {
    const all = references === 1 ? "the one question" : `all ${references} questions`;
    return {
      ok: false,
      problems: [
        `Nothing to import: ${all} in this pack ${references === 1 ? "is a bank question" : "are bank questions"}, which you already have.`,
      ],
    };
  }
  const added = addCustomQuestions(
    userId,
    own.map((entry) => entry.question),
  );
  if (!added.ok) {
    return {
      ok: false,
      problems: added.problems.map(({ index, message }) =>
        index === null ? message : sentenceAt(["questions", own[index]!.index], message),
      ),
    };
  }
  return {
    ok: true,
    imported: own.map(({ question }) => ({ id: question.id, title: question.title })),
    references,
  };
}
