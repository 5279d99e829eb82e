import type { Question } from "~/question-bank/question-schema";

export interface PackEntries {
  /** The questions to add as the user's own, with their place in the pack (for problems by path). */
  own: { question: Question; index: number }[];
  /** How many entries are bank questions as the bank has them: references, not imports. */
  references: number;
}

/** A question's content with its keys in one order, so two parses of the same question compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * Splits a pack into the user's own questions and references to the bank. An
 * export writes a bank question in full under its bank id; everyone has the
 * bank, so such an entry is a reference and is skipped. An entry under a bank
 * id that differs from the bank's question is someone's own question taking
 * that id: it stays in `own`, where adding it is refused.
 */
export function splitBankReferences(questions: Question[], bank: Question[]): PackEntries {
  const byId = new Map(bank.map((q) => [q.id, canonical(q)]));
  const own: PackEntries["own"] = [];
  let references = 0;
  questions.forEach((question, index) => {
    if (byId.get(question.id) === canonical(question)) references += 1;
    else own.push({ question, index });
  });
  return { own, references };
}
