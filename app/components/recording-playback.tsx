import { useId, type SyntheticEvent } from "react";
import type { DeliveryMetrics } from "~/voice/delivery";
import { DeliverySummary } from "./delivery-summary";

/**
 * A recording that names no duration (one uploaded before the recorder wrote
 * it into the WebM header): <audio> shows no length and its seek bar does not
 * work. Seeking far past the end makes the browser read the file's end (a Range
 * request) and learn it, then playback goes back to the start. Only where the
 * page has its scripts; a recording made since needs none of this.
 */
function findDuration(event: SyntheticEvent<HTMLAudioElement>) {
  const audio = event.currentTarget;
  if (audio.duration !== Infinity) return;
  const back = () => {
    audio.removeEventListener("durationchange", back);
    audio.currentTime = 0;
  };
  audio.addEventListener("durationchange", back);
  audio.currentTime = Number.MAX_SAFE_INTEGER;
}

/**
 * A spoken answer played back, and how it was said. Plain HTML: the round
 * report renders it on the server and loads no script; the recorder shows it
 * after each recording.
 */
export function RecordingPlayback({
  audioUrl,
  delivery,
  headingLevel,
}: {
  /** Null while there is nothing to play yet (recording, or no upload). */
  audioUrl: string | null;
  delivery: DeliveryMetrics | null;
  /** The level of the "How you said it" heading. */
  headingLevel: 3 | 4 | 5 | 6;
}) {
  const id = useId();
  return (
    <>
      {audioUrl ? (
        <audio
          controls
          preload="metadata"
          src={audioUrl}
          aria-label="Your recording"
          onLoadedMetadata={findDuration}
        />
      ) : null}
      {delivery ? (
        <DeliverySummary delivery={delivery} id={`${id}-delivery`} headingLevel={headingLevel} />
      ) : null}
    </>
  );
}
