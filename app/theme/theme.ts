/**
 * What the header's theme switch offers: a fixed theme, or whatever the system
 * asks for. Kept free of zod: the root route imports it, so it ships on every page.
 */
export const THEME_CHOICES = ["light", "dark", "system"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
/** A theme the page is pinned to (`data-theme` on `<html>`); "system" pins nothing. */
export type Theme = Exclude<ThemeChoice, "system">;

export const THEME_LABELS: Record<ThemeChoice, string> = {
  light: "Light",
  dark: "Dark",
  system: "System",
};
