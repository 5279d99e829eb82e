import { z } from "~/utils/zod";

/**
 * The schema of a form that is one button: its `intent`, and nothing else.
 * A post carrying any other intent is refused as "Unknown action.".
 */
export function intentForm<const Intent extends string>(intent: Intent) {
  return z.object({ intent: z.literal(intent, { error: "Unknown action." }) });
}
