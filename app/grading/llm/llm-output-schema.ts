import { zodResponseFormat } from "openai/helpers/zod";
import type { ResponseFormatJSONSchema } from "openai/resources/shared";
import { z } from "~/utils/zod";
import { STAR_PARTS } from "~/grading/grade-schema";
import { SCORE_MAX, SCORE_MIN } from "~/grading/score-scale";
import type { Question } from "~/question-bank/question-schema";

/**
 * The LLM's part of a grade (criteria, strengths, improvements, STAR, probes),
 * in two strengths of the same shape:
 * - the request schema, sent as the response format: criterion ids and STAR
 *   parts are enums, so a model with structured outputs cannot invent them;
 * - the reply schema, used to parse what came back (also from servers in JSON
 *   mode): loose on values we repair (scores out of range, unknown ids, long
 *   lists), strict on the structure. Flags, insights and the overall are not
 *   the model's to give; they are filled in by the app.
 */

function outputSchema(
  criterionIds: z.ZodType<string>,
  starPart: z.ZodType<string>,
  score: z.ZodType<number>,
) {
  return z.object({
    criteria: z
      .array(
        z.object({
          criterionId: criterionIds.describe("The rubric criterion's id."),
          score: score.describe("1 to 5."),
          evidence: z
            .string()
            .nullable()
            .describe(
              "The sentence of the candidate's answer that earned the score, copied exactly; null if none.",
            ),
          rationale: z.string().describe("Why this score, in one to three sentences."),
        }),
      )
      .describe("One entry per rubric criterion, in rubric order."),
    strengths: z.array(z.string()),
    improvements: z.array(z.string()),
    star: z
      .object({ present: z.array(starPart), missing: z.array(starPart) })
      .nullable()
      .describe("STAR parts for a behavioural question; null for other kinds."),
    probes: z.array(
      z.object({
        question: z.string(),
        criterionId: criterionIds.nullable(),
      }),
    ),
  });
}

export const llmReplySchema = outputSchema(z.string(), z.string(), z.number());
export type LlmReply = z.infer<typeof llmReplySchema>;
export type LlmReplyCriterion = LlmReply["criteria"][number];

const formats = new Map<string, ResponseFormatJSONSchema>();

/**
 * The JSON-schema response format for a question's rubric. Built with the SDK's
 * zod helper, then kept as a plain object: parsing is ours (see gradeWithLlm),
 * so the SDK does not re-parse the growing reply on every streamed chunk.
 */
export function responseFormatFor(question: Question): ResponseFormatJSONSchema {
  const ids = question.rubric.map((c) => c.id);
  const key = ids.join("\u0000");
  let format = formats.get(key);
  if (!format) {
    const schema = outputSchema(
      z.enum(ids as [string, ...string[]]),
      z.enum(STAR_PARTS),
      z.number().int().min(SCORE_MIN).max(SCORE_MAX),
    );
    const { type, json_schema } = zodResponseFormat(schema, "interview_grade");
    format = { type, json_schema };
    if (formats.size >= 500) formats.clear(); // custom questions: bounded, not a leak
    formats.set(key, format);
  }
  return format;
}
