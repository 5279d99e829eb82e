import type { CriterionGrade, Grade, Probe } from "~/grading/grade-schema";
import type { Question } from "~/question-bank/question-schema";
import type { JsonPath } from "./json-stream-watcher";
import { llmReplySchema } from "./llm-output-schema";
import { cleanList, cleanStar, normaliseCriterion } from "./normalise-grade";

/**
 * What the page can show while the model works. Criterion, feedback and STAR
 * events are previews, already checked the way the final grade is (scores
 * clamped, quotes verified); the resolved grade is authoritative. Previews are
 * withheld for answers suspected of prompt injection, whose scores may be
 * capped at the end. If the call fails, discard the previews.
 */
export type LlmProgress =
  | { type: "started"; model: string; promptVersion: string }
  | { type: "retrying"; retry: number; delayMs: number; reason: string }
  | { type: "criterion"; criterion: CriterionGrade }
  | { type: "feedback"; strengths: string[]; improvements: string[] }
  | { type: "star"; star: NonNullable<Grade["star"]> }
  | { type: "probes"; probes: Probe[] };

const criterionReplySchema = llmReplySchema.shape.criteria.element;
const stringListSchema = llmReplySchema.shape.strengths;
const starReplySchema = llmReplySchema.shape.star;

/** Turns values completed in the streamed reply (see json-stream-watcher) into preview events. */
export function createPreviewer(
  question: Question,
  answer: string,
  emit: (event: LlmProgress) => void,
): (path: JsonPath, value: unknown) => void {
  const shown = new Set<string>();
  const feedback: { strengths?: string[]; improvements?: string[] } = {};
  return (path, value) => {
    const [field, index] = path;
    if (field === "criteria" && index !== undefined) {
      const raw = criterionReplySchema.safeParse(value);
      const criterion = raw.success ? normaliseCriterion(raw.data, question, answer) : null;
      if (criterion && !shown.has(criterion.criterionId)) {
        shown.add(criterion.criterionId);
        emit({ type: "criterion", criterion });
      }
    } else if ((field === "strengths" || field === "improvements") && index === undefined) {
      const list = stringListSchema.safeParse(value);
      if (!list.success || feedback[field]) return;
      feedback[field] = cleanList(list.data);
      if (feedback.strengths && feedback.improvements) {
        emit({
          type: "feedback",
          strengths: feedback.strengths,
          improvements: feedback.improvements,
        });
      }
    } else if (field === "star" && index === undefined && question.kind === "behavioural") {
      const star = starReplySchema.safeParse(value);
      const cleaned = star.success ? cleanStar(star.data, null) : null;
      if (cleaned) emit({ type: "star", star: cleaned });
    }
  };
}
