import { z } from "~/utils/zod";
import { bandSchema, questionKindSchema } from "~/question-bank/question-schema";
import { ANSWER_MAX, MINUTES_MAX, QUESTIONS_MAX, QUESTIONS_MIN } from "./round-limits";
import { formatCount } from "~/utils/format-count";


export const newRoundSchema = z.object({
  skills: z.array(z.string().max(40)).max(50),
  kinds: z.array(questionKindSchema, { error: "Pick a kind from the list." }).max(3),
  band: bandSchema.default("3-5"),
  count: z.coerce
    .number({ error: "Choose how many questions." })
    .int("Choose a whole number of questions.")
    .min(QUESTIONS_MIN, `Choose at least ${QUESTIONS_MIN} question.`)
    .max(QUESTIONS_MAX, `Choose at most ${QUESTIONS_MAX} questions.`),
  /** Empty: each question's own default. */
  minutes: z
    .union([
      z.literal(""),
      z.coerce.number().int().min(1, "At least 1 minute.").max(MINUTES_MAX, `At most ${MINUTES_MAX} minutes.`),
    ])
    .optional()
    .transform((minutes) => (minutes === "" || minutes === undefined ? null : minutes)),
});

export type NewRound = z.infer<typeof newRoundSchema>;

const answerText = z.string({ error: "The answer is missing." }).max(ANSWER_MAX, `Keep the answer under ${formatCount(ANSWER_MAX)} characters.`);

/** What the answer box's autosave posts (to the answer's draft route). */
export const draftFormSchema = z.object({ answer: answerText });

/** What the answer page accepts: a submission, skipping the question, grading an ungraded answer, or re-grading with the LLM. */
export const answerFormSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("submit"), answer: answerText }),
    // Skipping keeps whatever was typed (nothing a user writes is lost), but it is never graded.
    z.object({ intent: z.literal("skip"), answer: answerText.default("") }),
    z.object({ intent: z.literal("grade") }),
    z.object({ intent: z.literal("regrade") }),
  ],
  { error: "Unknown action." },
);

export type AnswerForm = z.infer<typeof answerFormSchema>;
