import { getEnv } from "~/env.server";

/**
 * How every cookie the app sets itself is made (the session, the theme, a
 * notice): out of reach of page scripts, sent on same-site requests and
 * top-level links only, Secure in production, signed with the session secret.
 * Without `maxAge` it lasts the browser session.
 */
export function signedCookieOptions(maxAge?: number) {
  const env = getEnv();
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    // Browsers accept Secure cookies from http://127.0.0.1 and localhost, so this holds for the local default too.
    secure: env.NODE_ENV === "production",
    path: "/",
    secrets: [env.SESSION_SECRET],
    ...(maxAge === undefined ? {} : { maxAge }),
  };
}
