import type { GradeProvenance } from "./grade-schema";

/** For tests: how a grade made by the offline grader is recorded (no model call, no tokens). */
export const OFFLINE_PROVENANCE: GradeProvenance = {
  grader: "offline",
  model: null,
  promptVersion: null,
  fallbackReason: null,
  tokensIn: null,
  tokensOut: null,
  latencyMs: null,
};
