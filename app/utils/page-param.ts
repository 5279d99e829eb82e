import { z } from "~/utils/zod";

/** `?page=N` on the paginated review pages. */
export const pageParamSchema = z.object({
  page: z
    .union([
      z.literal("").transform(() => 1),
      z.coerce.number().int("Pages are whole numbers.").min(1, "Pages start at 1.").max(100_000),
    ])
    .default(1),
});
