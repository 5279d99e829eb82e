import { z } from "~/utils/zod";
import { THEME_CHOICES } from "./theme";

/** The theme switch's form: one of the three choices, and the page to return to. */
export const themeFormSchema = z.object({
  theme: z.enum(THEME_CHOICES, { error: "Choose light, dark or system." }),
  redirectTo: z.string().max(2048).optional(),
});
