import { canReadForRelevance, relevantToCriterion } from "~/grading/offline/evidence-relevance";
import type { RelevanceJudge } from "./evidence";

/**
 * Relevance of a quote to a rubric criterion, by the offline grader's own
 * reading (the key-point and misconception matching that credits points in
 * gradeOffline). It reads English only: for another language canRead is
 * false, and the grade says relevance was not checked.
 */
export const relevanceJudge: RelevanceJudge = {
  canRead: canReadForRelevance,
  relevant: relevantToCriterion,
};
