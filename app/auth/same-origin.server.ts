import { data } from "@remix-run/node";

/**
 * Rejects cross-site form posts. Browsers send `Origin` on every POST; a
 * request whose Origin (or, failing that, Referer) names another site is
 * refused. SameSite=Lax on the session cookie is the first line; this is the second.
 */
export function assertSameOrigin(request: Request): void {
  if (request.method === "GET" || request.method === "HEAD") return;
  const source = request.headers.get("Origin") ?? request.headers.get("Referer");
  if (source === null) return; // not a browser: it cannot carry a victim's cookie
  const expected = new URL(request.url);
  let actual: URL;
  try {
    actual = new URL(source);
  } catch {
    throw data("Cross-site request refused.", { status: 403 });
  }
  if (actual.host !== expected.host) throw data("Cross-site request refused.", { status: 403 });
}
