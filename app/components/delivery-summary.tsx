import type { DeliveryMetrics } from "~/voice/delivery";

const seconds = (s: number) =>
  s < 60 ? `${Math.round(s)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;

/** How a spoken answer was delivered: pace, pauses, fillers and hedges. Only spoken answers have these. */
export function DeliverySummary({
  delivery,
  id,
  headingLevel = 3,
}: {
  delivery: DeliveryMetrics;
  id: string;
  headingLevel?: 3 | 4 | 5 | 6;
}) {
  const { longPauses, fillers, hedges } = delivery;
  const Heading = `h${headingLevel}` as const;
  return (
    <section aria-labelledby={id} className="delivery">
      <Heading id={id}>How you said it</Heading>
      <dl>
        <dt>Speaking time</dt>
        <dd>
          {seconds(delivery.speakingSeconds)}
          {delivery.source === "duration"
            ? " (the whole recording: the transcription gave no timings)"
            : ""}
        </dd>
        <dt>Pace</dt>
        <dd>
          {delivery.wordsPerMinute === null
            ? "Too little speech to measure"
            : `${delivery.wordsPerMinute} words a minute (${delivery.words} words)`}
        </dd>
        {delivery.source === "segments" ? (
          <>
            <dt>Long pauses (2 s or more)</dt>
            <dd>
              {longPauses.count === 0
                ? "None"
                : `${longPauses.count}, the longest ${longPauses.longestSeconds} s`}
            </dd>
          </>
        ) : null}
        <dt>Fillers</dt>
        <dd>
          <HeardWords counts={fillers} />
        </dd>
        <dt>Hedges</dt>
        <dd>
          <HeardWords counts={hedges} />
        </dd>
      </dl>
    </section>
  );
}

/** Each word heard, how often, and the first place it was heard. */
function HeardWords({
  counts,
}: {
  counts: DeliveryMetrics["fillers"] | DeliveryMetrics["hedges"];
}) {
  if (counts.total === 0) return "None heard";
  return (
    <ul>
      {counts.byWord.map((w) => (
        <li key={w.word}>
          “{w.word}” ×{w.count}
          {w.examples[0] ? <span className="muted"> — {w.examples[0]}</span> : null}
        </li>
      ))}
    </ul>
  );
}
