import { z } from "~/utils/zod";

/** What the header's theme switch offers: a fixed theme, or whatever the system asks for. */
export const THEME_CHOICES = ["light", "dark", "system"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
/** A theme the page is pinned to (`data-theme` on `<html>`); "system" pins nothing. */
export type Theme = Exclude<ThemeChoice, "system">;

export const THEME_LABELS: Record<ThemeChoice, string> = {
  light: "Light",
  dark: "Dark",
  system: "System",
};

/** The theme switch's form: one of the three choices, and the page to return to. */
export const themeFormSchema = z.object({
  theme: z.enum(THEME_CHOICES, { error: "Choose light, dark or system." }),
  redirectTo: z.string().max(2048).optional(),
});
