import { createCookie } from "@remix-run/node";
import { signedCookieOptions } from "~/security/cookie-options.server";
import type { Theme, ThemeChoice } from "./theme";

const YEAR_SECONDS = 365 * 24 * 60 * 60;

let cookie: ReturnType<typeof createCookie> | undefined;
/** The browser's chosen theme, remembered for a year. */
function themeCookie() {
  cookie ??= createCookie("theme", signedCookieOptions(YEAR_SECONDS));
  return cookie;
}

/** The theme this browser chose, or null to follow the system (`prefers-color-scheme`). */
export async function getTheme(request: Request): Promise<Theme | null> {
  const value: unknown = await themeCookie().parse(request.headers.get("Cookie"));
  return value === "light" || value === "dark" ? value : null;
}

/** The Set-Cookie header that remembers `choice` ("system" forgets any choice). */
export async function themeCookieHeader(choice: ThemeChoice): Promise<string> {
  return choice === "system"
    ? themeCookie().serialize("", { maxAge: 0, expires: new Date(0) })
    : themeCookie().serialize(choice);
}
