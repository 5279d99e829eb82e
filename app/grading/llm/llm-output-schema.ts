import { zodResponseFormat } from "openai/helpers/zod";
import type { ResponseFormatJSONSchema } from "openai/resources/shared";
import { z } from "~/utils/zod";
import { STAR_PARTS } from "~/grading/grade-schema";
import { SCORE_MAX, SCORE_MIN } from "~/grading/score-scale";
import type { Question } from "~/question-bank/question-schema";

/**
 * The LLM's part of a grade (criteria, strengths, improvements, STAR, probes),
 * in two strengths of the same shape:
 * - the request schema, sent as the response format, built per question and
 *   complete by construction: `criteria` is an object with one required
 *   property per rubric criterion id (no other property allowed), so whatever
 *   a server that decodes to the schema returns scores every criterion; each
 *   criterion is written evidence -> rationale -> score, so the model commits
 *   to quotes and reasons before the number;
 * - the reply schema, used to parse what came back (also from servers in JSON
 *   mode, which may send the object or the older array of criteria): strict
 *   on structure and on values. A score off the 1-5 scale or not an integer is
 *   a failed reply, never clamped (see `scoreProblem`).
 * Flags, insights and the overall are not the model's to give; the app fills them in.
 */

const MAX_QUOTES = 3;

function criterionSchema(score: z.ZodType<number>, evidence: z.ZodType<string[]>) {
  return z.object({
    evidence: evidence.describe(
      `Up to ${MAX_QUOTES} sentences or shorter spans of the candidate's answer that support this score, each copied exactly; [] when nothing in the answer supports the criterion.`,
    ),
    rationale: z
      .string()
      .describe(
        "Why this score, in one to three sentences, citing what the quotes show and what is missing.",
      ),
    score: score.describe("1 to 5, decided last, from the evidence and rationale above."),
  });
}

function tailSchema(starPart: z.ZodType<string>, probeCriterion: z.ZodType<string | null>) {
  return {
    strengths: z.array(z.string()),
    improvements: z.array(z.string()),
    star: z
      .object({ present: z.array(starPart), missing: z.array(starPart) })
      .nullable()
      .describe("STAR parts for a behavioural question; null for other kinds."),
    probes: z.array(z.object({ question: z.string(), criterionId: probeCriterion })),
  };
}

/** What a model may send as evidence in JSON mode: a list, one string, or null. */
const looseEvidence = z
  .union([z.array(z.string()), z.string(), z.null()])
  .transform((value) => (value === null ? [] : typeof value === "string" ? [value] : value));

const replyCriterion = criterionSchema(z.number(), looseEvidence as unknown as z.ZodType<string[]>);
const replyCriterionWithId = replyCriterion.extend({ criterionId: z.string() });

export const llmReplySchema = z.object({
  criteria: z.union([
    z.record(z.string(), replyCriterion),
    // JSON mode on an older prompt or a small model: the array of criteria, each with its id.
    z.array(replyCriterionWithId).transform((list) => {
      const byId: Record<string, z.infer<typeof replyCriterion>> = {};
      for (const { criterionId, ...rest } of list) byId[criterionId] ??= rest;
      return byId;
    }),
  ]),
  ...tailSchema(z.string(), z.string().nullable()),
});
export type LlmReply = z.infer<typeof llmReplySchema>;
export type LlmReplyCriterion = LlmReply["criteria"][string];
export const llmReplyCriterionSchema = replyCriterion;

/** Why a score is not on the scale, or null when it is: such a reply is a failed reply. */
export function scoreProblem(score: unknown): string | null {
  if (typeof score !== "number" || !Number.isFinite(score)) return "is not a number";
  if (!Number.isInteger(score)) return `${score} is not a whole number`;
  if (score < SCORE_MIN || score > SCORE_MAX)
    return `${score} is off the ${SCORE_MIN}-${SCORE_MAX} scale`;
  return null;
}

const formats = new Map<string, ResponseFormatJSONSchema>();

/** The request schema for a question: one required property per rubric criterion, in rubric order. */
export function requestSchemaFor(question: Question) {
  const score = z.number().int().min(SCORE_MIN).max(SCORE_MAX);
  const shape: Record<string, ReturnType<typeof criterionSchema>> = {};
  for (const criterion of question.rubric) {
    shape[criterion.id] = criterionSchema(score, z.array(z.string())).describe(criterion.name);
  }
  const ids = question.rubric.map((c) => c.id) as [string, ...string[]];
  return z.object({
    criteria: z.object(shape).describe("Every rubric criterion, keyed by its id, in rubric order."),
    ...tailSchema(z.enum(STAR_PARTS), z.enum(ids).nullable()),
  });
}

/**
 * The JSON-schema response format for a question's rubric. Built with the SDK's
 * zod helper, then kept as a plain object: parsing is ours (see gradeWithLlm),
 * so the SDK does not re-parse the growing reply on every streamed chunk.
 */
export function responseFormatFor(question: Question): ResponseFormatJSONSchema {
  const key = question.rubric.map((c) => `${c.id}\u0001${c.name}`).join("\u0000");
  let format = formats.get(key);
  if (!format) {
    const { type, json_schema } = zodResponseFormat(requestSchemaFor(question), "interview_grade");
    format = { type, json_schema };
    if (formats.size >= 500) formats.clear(); // custom questions: bounded, not a leak
    formats.set(key, format);
  }
  return format;
}

export { MAX_QUOTES };
