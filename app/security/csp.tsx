import { createContext, useContext } from "react";

/**
 * What the page needs to run under server.js's Content-Security-Policy, which
 * allows no inline script without this response's nonce, and no eval.
 *
 * No zod in the browser: zod 4 probes `new Function("")` when a schema is
 * defined, which the policy refuses and reports. Components import limits from
 * zod-free modules (round-limits.ts, score-scale.ts, pack-limits.ts) and a
 * test (tests/e2e/client-bundle.test.ts) keeps zod out of every client chunk.
 */

const NonceContext = createContext("");

/** Set by entry.server.tsx around the server render, with this response's CSP nonce. */
export const NonceProvider = NonceContext.Provider;

/**
 * The nonce that lets this page's inline scripts run. Empty in the browser, and
 * that is what hydration expects: browsers hide nonce attributes from the DOM.
 */
export function useNonce(): string {
  return useContext(NonceContext);
}
