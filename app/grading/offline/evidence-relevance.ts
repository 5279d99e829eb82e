import type { Question } from "~/question-bank/question-schema";
import { scanForInjection } from "./injection";
import { assessKeyPoints, readSalad } from "./key-points";
import { looksNonEnglish } from "./language";
import { findMisconceptions } from "./misconceptions";
import { readAnalysed } from "./read-text";
import { compileRubric } from "./rubric-index";
import { overlaps } from "./semantic";
import { sentenceFeatures } from "./sentence-features";
import { analyseText } from "./text-analysis";

/**
 * Whether a quoted piece of an answer is real evidence for a criterion, by the
 * offline grader's own reading. The LLM grader uses it to check that the
 * sentence a model quotes as evidence is about the criterion it scores (a
 * model can quote a note addressed to the grader, or an off-topic line, and
 * call it evidence).
 *
 * True when the quote makes or explains one of the criterion's key points
 * (the same matching that credits points in `gradeOffline`: by the rubric's
 * phrasings or, in the candidate's own words, by meaning), or states one of
 * the criterion's rubric misconceptions: a wrong claim is evidence too, for a
 * low score. False for text addressed to the grader, for a quote that touches
 * no key point of the criterion, and for an unknown criterion.
 */
export function relevantToCriterion(question: Question, criterionId: string, quote: string): boolean {
  const rubric = compileRubric(question);
  if (!rubric.criteria.some((c) => c.criterion.id === criterionId)) return false;
  if (quote.trim() === "") return false;
  // A quote that talks to the grader is never evidence, whatever else it says.
  if (scanForInjection(quote).suspected) return false;
  const { keyed } = readAnalysed(analyseText(quote), rubric.lexicon, quote);
  const features = keyed.sentences.map(sentenceFeatures);
  const wrong = findMisconceptions(rubric, keyed, features).filter((m) => m.misconception.criterionId === criterionId);
  if (wrong.length > 0) return true;
  // The grader's own reading: phrasings and meaning, with chains of terms in a salad crediting nothing.
  const meaning = overlaps(rubric, keyed);
  const salad = readSalad(rubric, keyed, features);
  const points = assessKeyPoints(rubric, keyed, features, new Set(), meaning, salad.salad ? salad.chains : new Set());
  // "stated" or better: a clause that says something about the point, not a bare name or a list of terms.
  return points.some((p) => p.keyPoint.criterionId === criterionId && (p.coverage === "explained" || p.coverage === "stated"));
}

/**
 * Whether the offline grader can read the answer at all (English). When it
 * cannot, `relevantToCriterion` has nothing to say and the caller should not
 * treat its `false` as a verdict.
 */
export function canReadForRelevance(answer: string): boolean {
  if (answer.trim() === "") return true;
  return !looksNonEnglish(analyseText(answer));
}
