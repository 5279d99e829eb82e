import { loader as rootLoader } from "~/root";
import { get, run, type Outcome } from "./routes";

type Jar = Map<string, string>;

/** Applies a response's Set-Cookie headers to the jar as a browser would: an expired cookie is dropped. */
function applySetCookies(jar: Jar, headers: Headers): void {
  for (const setCookie of headers.getSetCookie()) {
    const [pair = "", ...attributes] = setCookie.split(";");
    const at = pair.indexOf("=");
    const name = pair.slice(0, at).trim();
    const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
    if (expired) jar.delete(name);
    else jar.set(name, pair.slice(at + 1));
  }
}

const cookieHeader = (jar: Jar) => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

/**
 * What the root layout's notice region says on the page a redirect leads to,
 * and on the page after that: the notice travels in its own cookie, which the
 * first page forgets. `cookie` is what the browser sent with the form.
 */
export async function noticesAfter(
  redirect: Outcome,
  cookie = "",
): Promise<[string | null, string | null]> {
  if (!redirect.location) throw new Error(`not a redirect: ${redirect.status}`);
  const jar: Jar = new Map();
  applySetCookies(jar, new Headers(cookie ? { "Set-Cookie": cookie } : {}));
  applySetCookies(jar, redirect.headers);
  const texts: (string | null)[] = [];
  for (let page = 0; page < 2; page++) {
    const outcome = await run(rootLoader, get(redirect.location, cookieHeader(jar)));
    applySetCookies(jar, outcome.headers);
    texts.push((outcome.data as { notice: { text: string } | null }).notice?.text ?? null);
  }
  return [texts[0]!, texts[1]!];
}
