import { z } from "~/utils/zod";

/** The queue's one form: its button's intent. */
export const queueFormSchema = z.object({
  intent: z.literal("start-due", { error: "Unknown action." }),
});
