import { z } from "~/utils/zod";

/** The preferences form. An unticked checkbox is not sent at all, so "absent" means off. */
export const preferencesSchema = z.object({
  lowAnxiety: z.literal("on", { error: "Tick the box or leave it empty." }).optional(),
  readAloud: z.literal("on", { error: "Tick the box or leave it empty." }).optional(),
});
