/**
 * Limits shared by the round forms' schemas and the pages that show them.
 * Kept free of zod so that importing a limit into a component does not ship
 * zod to the browser.
 */
export const ANSWER_MAX = 10_000;
export const QUESTIONS_MIN = 1;
export const QUESTIONS_MAX = 10;
export const MINUTES_MAX = 60;
