import type { CriterionGrade, Grade, Probe } from "~/grading/grade-schema";
import { z } from "~/utils/zod";
import type { Question } from "~/question-bank/question-schema";
import type { EvidenceContext } from "./evidence";
import type { JsonPath } from "./json-stream-watcher";
import { llmReplyCriterionSchema, llmReplySchema } from "./llm-output-schema";
import { checkCriterion, cleanList, cleanStar, toCriterionGrades } from "./normalise-grade";

/**
 * What the page can show while the model works. Each criterion's rationale is
 * shown as soon as it is written, then the criterion with its score when the
 * score arrives (the model writes evidence, rationale, then score). Criterion,
 * feedback and STAR events are previews, already checked the way the final
 * grade is (off-scale scores not shown, quotes verified, an unsupported score
 * above 2 shown capped); the resolved grade is authoritative (with
 * LLM_SAMPLES > 1 it is the median of the samples). Previews are withheld for
 * answers suspected of prompt injection. If the call fails, discard the previews.
 */
export type LlmProgress =
  | { type: "started"; model: string; promptVersion: string }
  | { type: "retrying"; retry: number; delayMs: number; reason: string }
  | { type: "rationale"; criterionId: string; rationale: string }
  | { type: "criterion"; criterion: CriterionGrade }
  | { type: "feedback"; strengths: string[]; improvements: string[] }
  | { type: "star"; star: NonNullable<Grade["star"]> }
  | { type: "probes"; probes: Probe[] };

const stringListSchema = llmReplySchema.shape.strengths;
const starReplySchema = llmReplySchema.shape.star;
const withId = llmReplyCriterionSchema.extend({ criterionId: z.string() });

/** Turns values completed in the streamed reply (see json-stream-watcher, depth 3) into preview events. */
export function createPreviewer(
  question: Question,
  evidence: EvidenceContext,
  emit: (event: LlmProgress) => void,
): (path: JsonPath, value: unknown) => void {
  const shown = new Set<string>();
  const explained = new Set<string>();
  const feedback: { strengths?: string[]; improvements?: string[] } = {};
  const showCriterion = (id: string, value: unknown) => {
    const criterion = question.rubric.find((c) => c.id === id);
    const raw = llmReplyCriterionSchema.safeParse(value);
    if (!criterion || !raw.success || shown.has(id)) return;
    try {
      const checked = checkCriterion(raw.data, criterion, evidence);
      const [preview] = toCriterionGrades([{ ...checked, spread: null }]);
      if (!preview) return;
      shown.add(id);
      emit({ type: "criterion", criterion: preview });
    } catch {
      // An off-scale score is a failed reply: nothing to preview.
    }
  };
  return (path, value) => {
    const [field, key, member] = path;
    if (field === "criteria" && key !== undefined) {
      if (member === "rationale" && typeof key === "string" && typeof value === "string") {
        if (explained.has(key) || !question.rubric.some((c) => c.id === key) || value.trim() === "")
          return;
        explained.add(key);
        emit({ type: "rationale", criterionId: key, rationale: value.trim().slice(0, 1000) });
      } else if (member === undefined && typeof key === "string") {
        showCriterion(key, value);
      } else if (member === undefined && typeof key === "number") {
        // JSON mode may still send the array of criteria, each with its id.
        const raw = withId.safeParse(value);
        if (raw.success) showCriterion(raw.data.criterionId, value);
      }
    } else if ((field === "strengths" || field === "improvements") && key === undefined) {
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
    } else if (field === "star" && key === undefined && question.kind === "behavioural") {
      const star = starReplySchema.safeParse(value);
      const cleaned = star.success ? cleanStar(star.data, null) : null;
      if (cleaned) emit({ type: "star", star: cleaned });
    }
  };
}
