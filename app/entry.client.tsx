import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode, useLayoutEffect, type ReactNode } from "react";
import { hydrateRoot } from "react-dom/client";

/**
 * The events React 18 answers, on a page it has not hydrated yet, by hydrating
 * the whole page at once, synchronously (react-dom's discreteReplayableEvents).
 */
// prettier-ignore
const EVENTS_THAT_FORCE_HYDRATION = [
  "mousedown", "mouseup", "touchcancel", "touchend", "touchstart", "auxclick", "dblclick",
  "pointercancel", "pointerdown", "pointerup", "dragend", "dragstart", "drop",
  "compositionend", "compositionstart", "keydown", "keypress", "keyup", "input", "textInput",
  "copy", "cut", "paste", "click", "change", "contextmenu", "reset", "submit",
] as const;

/**
 * Keeps those events from React until the page has hydrated. With single fetch,
 * RemixBrowser's first render waits (suspends) for the loader data streamed into
 * the page to be decoded; a key press or tap in that moment made React hydrate
 * synchronously, a synchronous render cannot wait, and React threw "Root did not
 * complete" (error 345) and never hydrated the page: no timer, no autosave, until
 * a reload. Until its first commit the page is the server's HTML and behaves as it
 * does without JavaScript (typing types, links load, forms post), so React need
 * not see these events; a capture listener on window runs before React's on the
 * document. The default actions are left alone: only propagation stops, as React
 * itself does for an event it cannot hydrate for.
 */
function holdEventsFromReact(): () => void {
  const hold = (event: Event) => event.stopPropagation();
  for (const name of EVENTS_THAT_FORCE_HYDRATION) window.addEventListener(name, hold, true);
  return () => {
    for (const name of EVENTS_THAT_FORCE_HYDRATION) window.removeEventListener(name, hold, true);
  };
}

const releaseEvents = holdEventsFromReact();

/** Renders no element of its own, so the server's HTML still matches. */
function ReleaseEventsOnHydration({ children }: { children: ReactNode }) {
  // A layout effect runs in the commit, the moment React starts handling events.
  useLayoutEffect(releaseEvents, []);
  return children;
}

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <ReleaseEventsOnHydration>
        <RemixBrowser />
      </ReleaseEventsOnHydration>
    </StrictMode>,
  );
});
