import { z } from "~/utils/zod";
import { STORY_LIMITS } from "./story-limits";
import { formatCount } from "~/utils/format-count";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const slug = (message: string) => z.string().max(STORY_LIMITS.tag, message).regex(SLUG, message);

const competency = slug("Pick competencies from the list.");
const OWN_MESSAGE =
  "Write your own competencies as short words joined by hyphens, separated by commas (for example: on-call, hiring).";

/** "On call, Hiring " -> ["on-call", "hiring"]; anything else fails the slug check with a message that says how to write it. */
const ownCompetencies = z
  .string()
  .max(
    STORY_LIMITS.ownField,
    `Keep your own competencies under ${formatCount(STORY_LIMITS.ownField)} characters.`,
  )
  .default("")
  .transform((raw) =>
    raw
      .split(",")
      .map((c) => c.trim().toLowerCase().replace(/\s+/g, "-"))
      .filter((c) => c !== ""),
  )
  .pipe(z.array(slug(OWN_MESSAGE)));

const part = (name: string) =>
  z
    .string()
    .max(STORY_LIMITS.part, `Keep the ${name} under ${formatCount(STORY_LIMITS.part)} characters.`)
    .default("")
    .transform((text) => text.trim());

/**
 * The story form, for creating and editing alike. Checked competencies and
 * the free "your own" field merge into one list; skills are checked against
 * the bank's skill tags by the action (the bank is server-side data).
 */
export const storyFormSchema = z
  .object({
    title: z
      .string({ error: "Give the story a title." })
      .trim()
      .min(1, "Give the story a title.")
      .max(STORY_LIMITS.title, `Keep the title under ${STORY_LIMITS.title} characters.`),
    situation: part("situation"),
    task: part("task"),
    action: part("action"),
    result: part("result"),
    metric: z
      .string()
      .max(STORY_LIMITS.metric, `Keep the metric under ${STORY_LIMITS.metric} characters.`)
      .default("")
      .transform((text) => text.trim()),
    competencies: z
      .array(competency)
      .max(STORY_LIMITS.tags, `Pick at most ${STORY_LIMITS.tags} competencies.`),
    ownCompetencies,
    skills: z
      .array(slug("Pick skills from the list."))
      .max(STORY_LIMITS.tags, `Pick at most ${STORY_LIMITS.tags} skills.`),
    /** Set when the story is saved from a graded answer: the story is linked to it. */
    answerId: z.string().max(64).optional(),
  })
  .superRefine((form, ctx) => {
    if (new Set([...form.competencies, ...form.ownCompetencies]).size > STORY_LIMITS.tags) {
      ctx.addIssue({
        code: "custom",
        path: ["competencies"],
        message: `Pick at most ${STORY_LIMITS.tags} competencies, your own included.`,
      });
    }
  })
  .transform(({ ownCompetencies: own, competencies, skills, answerId, ...rest }) => ({
    ...rest,
    competencies: [...new Set([...competencies, ...own])],
    skills: [...new Set(skills)],
    answerId: answerId === "" ? undefined : answerId,
  }));

export type StoryForm = z.output<typeof storyFormSchema>;
export type StoryFields = Omit<StoryForm, "answerId">;

/** What the story form posts, before the schema merges and tidies it. */
export type StoryFormInput = z.input<typeof storyFormSchema>;

/** The search box and competency filter on /stories. */
export const storySearchSchema = z.object({
  q: z
    .string()
    .max(STORY_LIMITS.query, `Keep the search under ${STORY_LIMITS.query} characters.`)
    .default("")
    .transform((q) => q.trim()),
  competency: z.union([z.literal(""), competency]).default(""),
});

export type StorySearch = z.output<typeof storySearchSchema>;

/** "I'm telling this story" on an answer page, and taking it back. */
export const storyLinkSchema = z.object({
  intent: z.enum(["tell-story", "untell-story"]),
  storyId: z.string({ error: "Pick a story." }).min(1, "Pick a story.").max(64, "Pick a story."),
});

export const STORY_LINK_INTENTS: readonly string[] = storyLinkSchema.shape.intent.options;
