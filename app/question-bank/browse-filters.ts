import { z } from "~/utils/zod";
import { isCustomQuestionId } from "./question-ids";
import { bandSchema, questionKindSchema, type Question } from "./question-schema";

const empty = z.literal("").transform(() => null);

export const QUESTION_SOURCES = ["bank", "mine"] as const;

/** The /questions filters, read from the query string (a GET form, so it works without JavaScript). */
export const browseFiltersSchema = z.object({
  skill: z
    .union(
      [
        empty,
        z
          .string()
          .max(40, "Choose a skill from the list.")
          .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Choose a skill from the list."),
      ],
      { error: "Choose a skill from the list." },
    )
    .default(null),
  kind: z
    .union([empty, questionKindSchema], { error: "Choose a kind from the list." })
    .default(null),
  band: z.union([empty, bandSchema], { error: "Choose a band from the list." }).default(null),
  source: z
    .union([empty, z.enum(QUESTION_SOURCES)], { error: "Choose bank or your own questions." })
    .default(null),
});

export type BrowseFilters = z.infer<typeof browseFiltersSchema>;

export const NO_BROWSE_FILTERS: BrowseFilters = {
  skill: null,
  kind: null,
  band: null,
  source: null,
};

/** The questions that pass every chosen filter (an unknown but well-formed skill simply matches none). */
export function filterQuestions(
  questions: readonly Question[],
  filters: BrowseFilters,
): Question[] {
  return questions.filter(
    (q) =>
      (!filters.skill || q.skills.includes(filters.skill)) &&
      (!filters.kind || q.kind === filters.kind) &&
      (!filters.band || q.bands.includes(filters.band)) &&
      (!filters.source || (filters.source === "mine") === isCustomQuestionId(q.id)),
  );
}
