import { lazy, Suspense, useEffect, useState } from "react";
import type { RecordAnswerProps } from "./record-answer";

/**
 * The recorder, loaded only in the browser and only once the page has
 * hydrated: its code (MediaRecorder, the level meter, speech recognition, the
 * delivery summary) is a separate chunk, so the answer page's own JavaScript
 * barely grows, and the server renders nothing for it (recording needs JavaScript).
 */
const RecordAnswer = lazy(() =>
  import("./record-answer").then((m) => ({ default: m.RecordAnswer })),
);

export function LazyRecordAnswer(props: RecordAnswerProps) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!hydrated) return null;
  return (
    <Suspense fallback={<p className="hint">Loading the recorder…</p>}>
      <RecordAnswer {...props} />
    </Suspense>
  );
}
