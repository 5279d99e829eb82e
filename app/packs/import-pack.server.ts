import { addCustomQuestions } from "~/custom-questions/add-custom-questions.server";
import { readPack } from "./read-pack";
import type { PackFormat } from "./pack-schema";

export type ImportResult =
  { ok: true; imported: { id: string; title: string }[] } | { ok: false; problems: string[] };

/**
 * Imports a pack's text as the user's own questions: all of them, or, on any
 * problem (shape, a repeated id, an id the bank or the user already has, the
 * limit), none, with every problem listed by path.
 */
export function importPack(userId: string, source: string, format: PackFormat): ImportResult {
  const pack = readPack(source, format);
  if (!pack.ok) return pack;
  const added = addCustomQuestions(userId, pack.questions);
  if (!added.ok) {
    return {
      ok: false,
      problems: added.problems.map(({ index, message }) =>
        index === null ? `questions: ${message}` : `questions.${index}.id: ${message}`,
      ),
    };
  }
  return { ok: true, imported: pack.questions.map((q) => ({ id: q.id, title: q.title })) };
}
