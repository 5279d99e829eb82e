import type { Band, Question, QuestionKind } from "~/question-bank/question-schema";

export interface Selection {
  skills: string[];
  kinds: QuestionKind[];
  band: Band;
  count: number;
}

/**
 * The questions a round may draw from: those for the band that match any
 * chosen skill or kind (nothing chosen means everything), in random order.
 */
export function selectQuestions(
  bank: readonly Question[],
  selection: Selection,
  random: () => number = Math.random,
): Question[] {
  const anyFilter = selection.skills.length > 0 || selection.kinds.length > 0;
  const matching = bank.filter(
    (q) =>
      q.bands.includes(selection.band) &&
      (!anyFilter ||
        selection.kinds.includes(q.kind) ||
        q.skills.some((skill) => selection.skills.includes(skill))),
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
