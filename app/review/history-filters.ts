import { z } from "~/utils/zod";
import { questionKindSchema } from "~/question-bank/question-schema";

export const HISTORY_PAGE_SIZE = 20;
const PAGE_MAX = 100_000;

const empty = z.literal("").transform(() => null);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-01-31.")
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
      new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    "That date does not exist.",
  );

/** The history page's filters, read from the query string (the form is a GET form, so it works without JavaScript). */
export const historyFiltersSchema = z
  .object({
    skill: z
      .union([
        empty,
        z
          .string()
          .max(40, "Choose a skill from the list.")
          .regex(/^[a-z0-9-]+$/, "Choose a skill from the list."),
      ])
      .default(null),
    kind: z.union([empty, questionKindSchema]).default(null),
    from: z.union([empty, day]).default(null),
    to: z.union([empty, day]).default(null),
    page: z
      .union([
        empty,
        z.coerce.number().int("Pages are whole numbers.").min(1, "Pages start at 1.").max(PAGE_MAX),
      ])
      .default(null),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ["to"],
    message: "The end date is before the start date.",
  });

export type HistoryFilters = z.infer<typeof historyFiltersSchema>;

export const NO_FILTERS: HistoryFilters = {
  skill: null,
  kind: null,
  from: null,
  to: null,
  page: null,
};
