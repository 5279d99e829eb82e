/**
 * The story form's fixed lists and limits, free of zod: the form and the
 * story pages use them without shipping the schemas (story-schemas.ts builds
 * its rules from them).
 */

/** The competencies every bank offers; users may add their own slugs beside them. */
export const STANDARD_COMPETENCIES = [
  "incident",
  "conflict",
  "leadership",
  "failure",
  "performance",
  "mentoring",
  "ambiguity",
  "ownership",
] as const;

export const STAR_FIELDS = ["situation", "task", "action", "result"] as const;
export type StarField = (typeof STAR_FIELDS)[number];

/** Each STAR part's heading, wherever a story is shown or exported. */
export const STAR_HEADINGS: Record<StarField, string> = {
  situation: "Situation",
  task: "Task",
  action: "Action",
  result: "Result",
};

export const STORY_LIMITS = {
  title: 120,
  part: 4000,
  metric: 200,
  /** Competencies and skills each. */
  tags: 12,
  tag: 40,
  ownField: 300,
  query: 100,
} as const;
