import type { Band, Question, QuestionKind } from "~/question-bank/question-schema";

export interface Selection {
  skills: string[];
  kinds: QuestionKind[];
  band: Band;
  count: number;
}

/**
 * The questions a round may draw from: those for the band of a chosen kind
 * and with a chosen skill (kinds and skills narrow together; leaving either
 * unchosen leaves it open), in random order.
 */
export function selectQuestions(
  bank: readonly Question[],
  selection: Selection,
  random: () => number = Math.random,
): Question[] {
  const matching = bank.filter(
    (q) =>
      q.bands.includes(selection.band) &&
      (selection.kinds.length === 0 || selection.kinds.includes(q.kind)) &&
      (selection.skills.length === 0 || q.skills.some((skill) => selection.skills.includes(skill))),
  );
  return shuffle(matching, random).slice(0, selection.count);
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
