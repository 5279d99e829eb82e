import { createContext, useContext } from "react";
import { z } from "zod";

/**
 * What the page needs to run under server.js's Content-Security-Policy, which
 * allows no inline script without this response's nonce, and no eval.
 */

// Zod probes `new Function("")` on its first parse to decide whether it may compile
// schemas; the policy refuses the probe and the browser reports a violation each
// time. Jitless skips the probe (the server has no policy and keeps compiling).
if (typeof document !== "undefined") z.config({ jitless: true });

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
