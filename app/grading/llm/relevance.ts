import { looksNonEnglish } from "~/grading/offline/language";
import { compileRubric, contentKeys } from "~/grading/offline/rubric-index";
import { analyseText } from "~/grading/offline/text-analysis";
import type { Question } from "~/question-bank/question-schema";
import type { RelevanceJudge } from "./evidence";

/**
 * Relevance of a quote to a rubric criterion, by the offline grader's
 * matching. Interim: shares a content word with the criterion's vocabulary,
 * until the offline grader's evidence-relevance module lands.
 */
export const relevanceJudge: RelevanceJudge = {
  canRead: (answer) => !looksNonEnglish(analyseText(answer)),
  relevant: (question: Question, criterionId: string, quote: string) => {
    const criterion = compileRubric(question).criteria.find((c) => c.criterion.id === criterionId);
    if (!criterion) return false;
    for (const key of contentKeys(quote)) if (criterion.vocabulary.has(key)) return true;
    return false;
  },
};
