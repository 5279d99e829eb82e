import { z } from "~/utils/zod";
import { questionSchema } from "~/question-bank/question-schema";
import { PACK_QUESTIONS_MAX } from "./pack-limits";

/**
 * A question pack: the file `Export selected` writes and `Import` reads, as
 * YAML or JSON. Each question has exactly the shape of a question-bank file.
 */
export const PACK_VERSION = 1;

export const packSchema = z.strictObject({
  pack: z.literal(PACK_VERSION, {
    error: `Start the file with “pack: ${PACK_VERSION}”, the version of the pack format.`,
  }),
  questions: z
    .array(questionSchema, { error: "List the questions under “questions:”." })
    .min(1, "List at least one question.")
    .max(PACK_QUESTIONS_MAX, `A pack holds at most ${PACK_QUESTIONS_MAX} questions.`),
});

export type Pack = z.infer<typeof packSchema>;
export type PackFormat = "yaml" | "json";
