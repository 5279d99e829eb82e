import { useCallback, useEffect, useRef, useState } from "react";
import type { DraftSaveResult } from "~/answering/draft-save.server";

export type DraftStatus =
  | { state: "idle" }
  | { state: "saving" }
  | { state: "saved"; savedAt: Date }
  | { state: "failed"; message: string };

function isDraftSaveResult(value: unknown): value is DraftSaveResult {
  if (typeof value !== "object" || value === null || !("ok" in value)) return false;
  return value.ok === true
    ? "savedAt" in value && typeof value.savedAt === "string"
    : "error" in value && typeof value.error === "string";
}

/**
 * Saves the answer box's text to `url` (the answer's draft route) so a reload
 * or another tab shows the same text. A plain fetch, not a Remix fetcher: a
 * draft save changes nothing the page shows, and a fetcher's action that
 * completes while the submitted answer's redirect is loading makes the router
 * finish that navigation with stale data (see saveDraftAction).
 *
 * One save is in flight at a time and the latest text is sent after it, so
 * saves reach the server in the order they were typed. A save still in flight
 * when the page moves on is left to finish: the server refuses it if the
 * answer was submitted meanwhile.
 */
export function useDraftAutosave(url: string) {
  const [status, setStatus] = useState<DraftStatus>({ state: "idle" });
  const inFlight = useRef(false);
  const queued = useRef<string | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const send = useCallback(
    async (text: string) => {
      inFlight.current = true;
      setStatus({ state: "saving" });
      let next: DraftStatus;
      try {
        const response = await fetch(url, {
          method: "POST",
          body: new URLSearchParams({ answer: text }),
        });
        const body: unknown = await response.json().catch(() => null);
        if (isDraftSaveResult(body)) {
          next = body.ok
            ? { state: "saved", savedAt: new Date(body.savedAt) }
            : { state: "failed", message: body.error };
        } else {
          next = {
            state: "failed",
            message: `The draft was not saved (the server answered ${response.status}).`,
          };
        }
      } catch {
        next = {
          state: "failed",
          message:
            "The draft was not saved: the server could not be reached. Your text is still here.",
        };
      }
      inFlight.current = false;
      if (!mounted.current) return;
      const waiting = queued.current;
      queued.current = null;
      if (waiting !== null) void send(waiting);
      else setStatus(next);
    },
    [url],
  );

  const save = useCallback(
    (text: string) => {
      if (inFlight.current) queued.current = text;
      else void send(text);
    },
    [send],
  );

  return { status, save };
}
