import { QUESTIONS_MAX } from "~/rounds/round-limits";
import { z } from "~/utils/zod";

/** "Start a round with these": the ticked questions. */
export const startSchema = z.object({
  intent: z.literal("start", { error: "Unknown action." }),
  ids: z
    .array(z.string().max(80, "Choose questions from the list."))
    .min(1, "Tick at least one question to start a round.")
    .max(QUESTIONS_MAX, `A round has at most ${QUESTIONS_MAX} questions; untick some.`),
});
