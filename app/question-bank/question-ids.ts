/**
 * One namespace for question ids. Rounds, history and the question pages key
 * everything on a question's id, so a user's own question must never share one
 * with the bank, today or after the bank grows: its id is its slug behind a
 * prefix that bank files may not use.
 */
export const CUSTOM_ID_PREFIX = "custom-";

/** Words under /questions/ that are pages, not questions; a bank id may not take them. */
export const RESERVED_QUESTION_IDS = ["new", "import", "export", "custom"] as const;

export function customQuestionId(slug: string): string {
  return `${CUSTOM_ID_PREFIX}${slug}`;
}

export function isCustomQuestionId(id: string): boolean {
  return id.startsWith(CUSTOM_ID_PREFIX);
}

/** The slug of a user's own question, or null for a bank id. */
export function customSlugOf(id: string): string | null {
  return isCustomQuestionId(id) ? id.slice(CUSTOM_ID_PREFIX.length) : null;
}

/** Why `id` cannot name a file in the bank, or null when it can. */
export function bankIdProblem(id: string): string | null {
  if (isCustomQuestionId(id))
    return `"${id}" starts with "${CUSTOM_ID_PREFIX}", which is kept for users' own questions`;
  if ((RESERVED_QUESTION_IDS as readonly string[]).includes(id))
    return `"${id}" is the name of a page under /questions/`;
  return null;
}
