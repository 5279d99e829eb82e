import { z } from "~/utils/zod";
import { QUESTIONS_MAX } from "./round-limits";
import { slugSchema } from "~/question-bank/question-schema";

/**
 * `question-bank/ready-rounds.yaml`: the named sets offered as one-click
 * rounds. Each lists bank question ids; that they exist is checked against
 * the bank when the file is loaded (and by `npm run bank:check`).
 */
export const readyRoundSchema = z.strictObject({
  id: slugSchema.max(60, "must be at most 60 characters"),
  title: z.string().trim().min(1, "must not be empty").max(80, "must be at most 80 characters"),
  description: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(300, "must be at most 300 characters"),
  questions: z
    .array(slugSchema)
    .min(1, "list at least one question")
    .max(QUESTIONS_MAX, `a round has at most ${QUESTIONS_MAX} questions`),
});

export const readyRoundsFileSchema = z
  .strictObject({ rounds: z.array(readyRoundSchema).min(1, "list at least one ready round") })
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.rounds.forEach((round, i) => {
      const first = seen.get(round.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["rounds", i, "id"],
          message: `"${round.id}" is already used by rounds.${first}`,
        });
      } else seen.set(round.id, i);
      const repeated = round.questions.filter((id, j) => round.questions.indexOf(id) !== j);
      for (const id of new Set(repeated)) {
        ctx.addIssue({
          code: "custom",
          path: ["rounds", i, "questions"],
          message: `"${id}" is listed twice`,
        });
      }
    });
  });

export type ReadyRound = z.infer<typeof readyRoundSchema>;
