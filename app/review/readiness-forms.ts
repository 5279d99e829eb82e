import { z } from "~/utils/zod";
import { ROLES } from "~/question-bank/question-choices";
import { bandSchema } from "~/question-bank/question-schema";

const skill = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9-]+$/, "Unknown skill.");
const selfScore = z.union(
  [z.literal("").transform(() => null), z.enum(["1", "2", "3", "4", "5"]).transform(Number)],
  {
    error: "Rate each skill from 1 to 5, or leave it unrated.",
  },
);

/** The readiness page's three forms: the target, the self-scored matrix, and "practise this gap". */
export const readinessFormSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("target"),
      role: z.enum(ROLES, { error: "Choose a role from the list." }),
      band: bandSchema,
    }),
    z
      .object({
        intent: z.literal("self-scores"),
        skill: z.array(skill).min(1).max(100),
        score: z.array(selfScore).max(100),
      })
      .refine((f) => f.skill.length === f.score.length, {
        message: "Every skill needs a rating (or none).",
        path: ["score"],
      })
      .refine((f) => new Set(f.skill).size === f.skill.length, {
        message: "A skill was rated twice.",
        path: ["skill"],
      }),
    // The gap's own button carries the skill, so one form serves every gap.
    z.object({ intent: z.literal("practise"), gap: skill }),
  ],
  { error: "Unknown action." },
);

export const READINESS_ARRAY_FIELDS = ["skill", "score"] as const;
