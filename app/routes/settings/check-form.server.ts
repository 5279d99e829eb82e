import { z } from "~/utils/zod";

/** The "Check connection" form: its one button's intent. */
export const checkSchema = z.object({
  intent: z.literal("check-transcription", { error: "Use the Check connection button." }),
});
