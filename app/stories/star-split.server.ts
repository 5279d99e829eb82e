import { STAR_PARTS, type StarPart } from "~/grading/grade-schema";
import { keyText } from "~/grading/offline/phrase-match";
import { compileRubric } from "~/grading/offline/rubric-index";
import { sentenceFeatures } from "~/grading/offline/sentence-features";
import { analyseStar } from "~/grading/offline/star";
import { analyseText } from "~/grading/offline/text-analysis";
import type { Question } from "~/question-bank/question-schema";

export type StarText = Record<StarPart, string>;

const EMPTY: StarText = { situation: "", task: "", action: "", result: "" };

/**
 * Splits an answer into situation, task, action and result with the offline
 * grader's own reading of it (its sentences, sentence features and the
 * sentence that best shows each STAR signal), so the story form and the
 * grade agree on what each part is.
 *
 * Each part the grade found present starts at its anchor sentence and runs
 * until the next part starts: situation at the first sentence, task at the
 * grader's task sentence, action at the first sentence after those with a
 * first-person action (else the grader's action sentence), result at its
 * result sentence (lessons after it stay with the result). Anchors must come
 * in STAR order; one that does not is left out. The first part placed also
 * takes any sentences before it, so nothing typed is dropped. Parts the grade
 * found missing stay empty.
 */
export function splitIntoStar(
  answer: string,
  question: Question,
  missing: readonly StarPart[],
): StarText {
  const analysed = analyseText(answer);
  const keyed = keyText(analysed, compileRubric(question).lexicon);
  const features = keyed.sentences.map(sentenceFeatures);
  const star = analyseStar(keyed, features);
  const count = keyed.sentences.length;
  if (count === 0) return { ...EMPTY };

  const wanted = STAR_PARTS.filter((part) => !missing.includes(part));
  const starts: Array<[StarPart, number]> = [];
  let last = -1;
  for (const part of wanted) {
    // The situation is where the story begins, whichever sentence shows it best.
    let at: number | undefined = part === "situation" ? 0 : star.sentences[part];
    if (part === "action") {
      const firstAction = features.findIndex((f, s) => s > last && f.iActions + f.weActions > 0);
      at = firstAction >= 0 ? firstAction : at;
    }
    if (at === undefined || at <= last) continue;
    starts.push([part, at]);
    last = at;
  }
  // The grade says a part is there but the analysis cannot place any: keep the whole answer in the first one.
  if (starts.length === 0)
    return wanted[0]
      ? { ...EMPTY, [wanted[0]]: stripLabel(answer.trim(), wanted[0]) }
      : { ...EMPTY };

  const parts: StarText = { ...EMPTY };
  starts.forEach(([part, at], i) => {
    const from = i === 0 ? 0 : at;
    const next = starts[i + 1];
    const to = (next ? next[1] : count) - 1;
    const first = keyed.sentences[from]!;
    const lastSentence = keyed.sentences[to]!;
    // Sliced from the answer itself (offsets point into it), so line breaks and punctuation survive.
    parts[part] = stripLabel(answer.slice(first.start, lastSentence.end).trim(), part);
  });
  return parts;
}

/** "Situation: our API..." -> "our API...": the form's headings already say which part it is. */
function stripLabel(text: string, part: StarPart): string {
  const label = new RegExp(`^${part}\\s*[:\\-–—]\\s*`, "i");
  return text.replace(label, "");
}
