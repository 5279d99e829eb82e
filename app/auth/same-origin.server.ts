import { data } from "@remix-run/node";

/**
 * Rejects cross-site form posts. Browsers send `Origin` on every POST; a
 * request whose Origin (or, failing that, Referer) names another site is
 * refused. SameSite=Lax on the session cookie is the first line; this is the second.
 */

/**
 * Whether a request from `source` (its Origin or Referer header) to `origin`
 * (the scheme and host it was sent to, `http://127.0.0.1:3000`) is cross-site.
 * Scheme and host both count: a page on `http://` posting to `https://` is
 * another origin. The one rule: server.js applies it to every post before
 * Remix sees it, and `assertSameOrigin` in every action.
 */
export function isCrossSite(method: string, source: string | null, origin: string): boolean {
  if (method === "GET" || method === "HEAD") return false;
  if (source === null) return false; // not a browser: it cannot carry a victim's cookie
  try {
    const from = new URL(source);
    const to = new URL(origin);
    return from.protocol !== to.protocol || from.host !== to.host;
  } catch {
    return true;
  }
}

export function assertSameOrigin(request: Request): void {
  const source = request.headers.get("Origin") ?? request.headers.get("Referer");
  if (isCrossSite(request.method, source, new URL(request.url).origin)) {
    throw data("Cross-site request refused.", { status: 403 });
  }
}
