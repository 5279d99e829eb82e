/** The 1-5 scale every criterion and overall score uses; zod-free so components can import it. */
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
