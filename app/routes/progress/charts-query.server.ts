import { z } from "~/utils/zod";

/** The progress page's one query parameter: `?charts=all` lists and charts every criterion and skill. */
export const chartsQuerySchema = z.object({
  charts: z.literal("all", { error: "Use charts=all, or leave it out." }).optional(),
});
