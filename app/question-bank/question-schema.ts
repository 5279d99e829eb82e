import { z } from "~/utils/zod";

/**
 * The shape of one question, whether it comes from a file under
 * `question-bank/`, a user's custom question or an imported pack.
 * This schema is the single source of truth for that shape.
 */

export const BANDS = ["0-2", "3-5", "5-8", "8-12", "12+"] as const;
export const bandSchema = z.enum(BANDS);
export type Band = z.infer<typeof bandSchema>;

export const QUESTION_KINDS = ["concept", "design", "behavioural"] as const;
export const questionKindSchema = z.enum(QUESTION_KINDS);
export type QuestionKind = z.infer<typeof questionKindSchema>;

export const ROLES = ["backend", "devops"] as const;

/** Ids everywhere: question, criterion, key point, skill, ready round. */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lower-case words joined by hyphens");
const slug = slugSchema;
/** Leaves room for the `custom-` prefix of a user's own question within the 80 characters a URL id may have. */
export const QUESTION_ID_MAX = 72;
/** Skill and competency tags: the length the filters and forms accept. */
const tag = slugSchema.max(40, "must be at most 40 characters");

const text = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

/** A phrase an interviewer accepts as saying the key point (matched case-insensitively). */
const phrasing = text(200);

export const keyPointSchema = z.strictObject({
  id: slug,
  /** What the interviewer listens for, as a sentence. */
  point: text(300),
  phrasings: z.array(phrasing).min(1).max(30),
  /**
   * What the point means, in plain words: the offline grader compares answer
   * sentences with it (by word vectors), so a point said in the candidate's own
   * words still counts. Optional while the bank is being filled in.
   */
  meaning: z.string().trim().min(10).max(600).optional(),
});

export const misconceptionSchema = z.strictObject({
  /** The wrong claim, as a candidate would state it. */
  claim: text(300),
  phrasings: z.array(phrasing).min(1).max(30),
  /** What is actually true: shown as feedback when the claim is made. */
  correction: text(500),
});

export const criterionSchema = z.strictObject({
  id: slug,
  name: text(80),
  /** Relative weight within the rubric; the overall score is the weighted mean. */
  weight: z.number().positive().max(10),
  /** What a 5 looks like on this criterion, in one or two sentences. */
  description: text(500),
  keyPoints: z.array(keyPointSchema).min(1).max(12),
  misconceptions: z.array(misconceptionSchema).max(12).default([]),
});

export const questionSchema = z
  .strictObject({
    id: slug.max(QUESTION_ID_MAX, `must be at most ${QUESTION_ID_MAX} characters`),
    title: text(160),
    kind: questionKindSchema,
    /** The question as the interviewer asks it (may add context to the title). */
    prompt: text(2000),
    skills: z.array(tag).min(1).max(12),
    /** Behavioural competencies the question exercises (incident, conflict, ...). */
    competencies: z.array(tag).max(12).default([]),
    bands: z.array(bandSchema).min(1),
    roles: z.array(z.enum(ROLES)).min(1).default(["backend"]),
    minutes: z.number().int().min(1).max(60),
    rubric: z.array(criterionSchema).min(3).max(6),
    examples: z.strictObject({ strong: text(8000), weak: text(8000) }),
    probes: z.array(text(300)).min(2).max(10),
    tips: z.array(text(500)).min(1).max(10),
  })
  .superRefine((q, ctx) => {
    const ids = new Set<string>();
    q.rubric.forEach((criterion, i) => {
      if (ids.has(criterion.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["rubric", i, "id"],
          message: `duplicate criterion id "${criterion.id}"`,
        });
      }
      ids.add(criterion.id);
    });
  });

export type Question = z.infer<typeof questionSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type KeyPoint = z.infer<typeof keyPointSchema>;
export type Misconception = z.infer<typeof misconceptionSchema>;
