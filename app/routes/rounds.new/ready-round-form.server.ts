import { z } from "~/utils/zod";

/** The form of a ready round's "Start" button: the round's id. */
export const readyRoundFormSchema = z.object({
  readyRound: z
    .string()
    .max(60)
    .regex(/^[a-z0-9-]+$/),
});
