/**
 * The fixed lists a question picks from, free of zod: pages offer them in
 * pick-lists without shipping the schema (question-schema.ts builds its
 * enums from them).
 */
export const BANDS = ["0-2", "3-5", "5-8", "8-12", "12+"] as const;
export const QUESTION_KINDS = ["concept", "design", "behavioural"] as const;
export const ROLES = ["backend", "devops"] as const;
