import { z } from "~/utils/zod";
import { BANDS, QUESTION_KINDS, ROLES } from "./question-choices";

/**
 * The shape of one question, whether it comes from a file under
 * `question-bank/`, a user's custom question or an imported pack.
 * This schema is the single source of truth for that shape.
 */

export const bandSchema = z.enum(BANDS);
export type Band = z.infer<typeof bandSchema>;

export const questionKindSchema = z.enum(QUESTION_KINDS);
export type QuestionKind = z.infer<typeof questionKindSchema>;

/*
 * Every message below is a sentence for the person writing the question, in
 * the form, a pack or a bank file; format-issues.ts puts the place in front
 * ("Criterion 2: add at least one key point.") and words what zod is left to say.
 */

/** Ids everywhere: question, criterion, key point, skill, ready round. */
export const slugSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    "Use lower-case letters and digits, with hyphens between words, like “message-queues”.",
  );
const slug = slugSchema;
/** Leaves room for the `custom-` prefix of a user's own question within the 80 characters a URL id may have. */
export const QUESTION_ID_MAX = 72;
/** Skill and competency tags: the length the filters and forms accept. */
const tag = slugSchema.max(40, "Keep each one to 40 characters or fewer.");

/** Text that must be written: `what` names it in the sentence ("Write the title."). */
const text = (max: number, what: string) =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? `Add ${what}.` : `Write ${what} as text.`),
    })
    .trim()
    .min(1, `Write ${what}.`)
    .max(max, `Keep ${what} to ${max} characters or fewer.`);

/** A phrase an interviewer accepts as saying the key point (matched case-insensitively). */
const phrasing = text(200, "the phrasing");
const phrasings = z
  .array(phrasing)
  .min(1, "Add at least one phrasing: words that say the point.")
  .max(30, "Keep to 30 phrasings or fewer.");

export const keyPointSchema = z.strictObject({
  id: slug,
  /** What the interviewer listens for, as a sentence. */
  point: text(300, "the point the interviewer listens for"),
  phrasings,
  /**
   * What the point means, in plain words: the offline grader compares answer
   * sentences with it (by word vectors), so a point said in the candidate's own
   * words still counts. Optional while the bank is being filled in.
   */
  meaning: z
    .string()
    .trim()
    .min(10, "Write the meaning in at least 10 characters.")
    .max(600, "Keep the meaning to 600 characters or fewer.")
    .optional(),
});

export const misconceptionSchema = z.strictObject({
  /** The wrong claim, as a candidate would state it. */
  claim: text(300, "the wrong claim"),
  phrasings,
  /** What is actually true: shown as feedback when the claim is made. */
  correction: text(500, "the correction"),
});

export const criterionSchema = z.strictObject({
  id: slug,
  name: text(80, "the criterion's name"),
  /** Relative weight within the rubric; the overall score is the weighted mean. */
  weight: z
    .number({ error: "Give the weight as a number, like 1 or 2." })
    .positive("Give the weight as a number above 0.")
    .max(10, "Keep the weight at 10 or below."),
  /** What a 5 looks like on this criterion, in one or two sentences. */
  description: text(500, "what a 5 looks like on this criterion"),
  keyPoints: z
    .array(keyPointSchema)
    .min(1, "Add at least one key point.")
    .max(12, "Keep to 12 key points or fewer."),
  misconceptions: z
    .array(misconceptionSchema)
    .max(12, "Keep to 12 misconceptions or fewer.")
    .default([]),
});

export const questionSchema = z
  .strictObject({
    id: slug.max(QUESTION_ID_MAX, `Keep the id to ${QUESTION_ID_MAX} characters or fewer.`),
    title: text(160, "the title"),
    kind: z.enum(QUESTION_KINDS, { error: "Pick the kind: concept, design or behavioural." }),
    /** The question as the interviewer asks it (may add context to the title). */
    prompt: text(2000, "the question as the interviewer asks it"),
    skills: z.array(tag).min(1, "Pick at least one skill.").max(12, "Pick at most 12 skills."),
    /** Behavioural competencies the question exercises (incident, conflict, ...). */
    competencies: z.array(tag).max(12, "Pick at most 12 competencies.").default([]),
    bands: z
      .array(z.enum(BANDS, { error: `Pick experience bands from the list: ${BANDS.join(", ")}.` }))
      .min(1, "Pick at least one experience band."),
    roles: z
      .array(z.enum(ROLES, { error: `Pick roles from the list: ${ROLES.join(", ")}.` }))
      .min(1, "Pick at least one role.")
      .default(["backend"]),
    minutes: z
      .number({ error: "Give the minutes as a whole number, like 5." })
      .int("Give the minutes as a whole number, like 5.")
      .min(1, "Allow at least 1 minute.")
      .max(60, "Allow at most 60 minutes."),
    rubric: z
      .array(criterionSchema, {
        error: "Write the rubric as a list of criteria, each starting with “- id:”.",
      })
      .min(3, "Write at least 3 criteria.")
      .max(6, "Write at most 6 criteria."),
    examples: z.strictObject({
      strong: text(8000, "the strong example answer"),
      weak: text(8000, "the weak example answer"),
    }),
    probes: z
      .array(text(300, "the follow-up question"))
      .min(2, "Write at least 2 follow-up questions, one per line.")
      .max(10, "Write at most 10 follow-up questions."),
    tips: z
      .array(text(500, "the tip"))
      .min(1, "Write at least one tip.")
      .max(10, "Write at most 10 tips."),
  })
  .superRefine((q, ctx) => {
    const ids = new Set<string>();
    q.rubric.forEach((criterion, i) => {
      if (ids.has(criterion.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["rubric", i, "id"],
          message: `Another criterion already has the id “${criterion.id}”: give each its own.`,
        });
      }
      ids.add(criterion.id);
    });
  });

export type Question = z.infer<typeof questionSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type KeyPoint = z.infer<typeof keyPointSchema>;
export type Misconception = z.infer<typeof misconceptionSchema>;
