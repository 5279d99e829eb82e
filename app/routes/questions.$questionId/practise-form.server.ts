import { z } from "~/utils/zod";

/** The page's one form: "Practise this question again". */
export const practiseSchema = z.object({
  intent: z.literal("practise", { error: "Unknown action." }),
});
