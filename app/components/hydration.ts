import { useMatches } from "@remix-run/react";

/**
 * A route's say on whether its page needs JavaScript at all:
 * `export const handle = { hydrate: false }`. Every page works without
 * JavaScript, so a page with nothing for it to do (a round report: text, links,
 * plain forms and <audio>) need not download ~95 KB of modules and spend a
 * phone's main thread hydrating them.
 */
export interface HydrationHandle {
  hydrate: boolean;
}

/**
 * Whether the page loads its scripts: the deepest route that says decides; a page
 * whose routes say nothing hydrates.
 * It decides the document the server sends. In the browser React runs only on a
 * page that did hydrate, and navigates from there: the answer is then always yes,
 * so scroll restoration stays mounted (it is what scrolls a new page to the top).
 */
export function useShouldHydrate(): boolean {
  const matches = useMatches();
  if (typeof document !== "undefined") return true;
  for (const match of [...matches].reverse()) {
    const hydrate = (match.handle as Partial<HydrationHandle> | undefined)?.hydrate;
    if (hydrate !== undefined) return hydrate;
  }
  return true;
}
