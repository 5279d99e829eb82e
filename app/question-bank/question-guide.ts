import type { Question } from "./question-schema";

/**
 * What a person may read before practising a question: how it is graded and
 * the tips. The example answers, the probes and the phrasings the offline
 * grader matches stay out, so practice is not an open-book test.
 */
export function questionGuide(question: Question) {
  return {
    bands: question.bands,
    roles: question.roles,
    minutes: question.minutes,
    criteria: question.rubric.map((c) => ({
      id: c.id,
      name: c.name,
      weight: c.weight,
      description: c.description,
      keyPoints: c.keyPoints.map((k) => k.point),
    })),
    tips: question.tips,
  };
}

export type QuestionGuide = ReturnType<typeof questionGuide>;
