import { Link } from "@remix-run/react";
import type { DeliveryPoint } from "~/review/delivery-over-time.server";
import { formatDuration } from "~/dates/format";
import { useDateFormat } from "~/dates/use-date-format";

const orDash = (value: number | null) => (value === null ? "—" : String(value));

/** The user's spoken answers, newest first: how pace, fillers and long pauses moved over time. */
export function DeliveryOverTime({ points }: { points: DeliveryPoint[] }) {
  const dates = useDateFormat();
  return (
    <section aria-labelledby="delivery-over-time">
      <h2 id="delivery-over-time">Spoken answers: delivery over time</h2>
      <p className="hint">
        Your {points.length === 1 ? "recorded answer" : `${points.length} newest recorded answers`},
        newest first. Typed answers have no pace. A dash: too little speech to measure, or no
        timings to find pauses in.
      </p>
      <table className="data-table">
        <caption className="visually-hidden">Delivery of your spoken answers, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Question</th>
            <th scope="col">Speaking time</th>
            <th scope="col">Words a minute</th>
            <th scope="col">Fillers a minute</th>
            <th scope="col">Long pauses (2 s or more)</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={`${p.roundId}-${p.position}-${p.slot}`}>
              <td>{dates.date(p.recordedAt)}</td>
              <th scope="row">
                <Link to={`/rounds/${p.roundId}/report`}>{p.questionTitle}</Link>
                {p.slot > 0 ? <span className="muted"> (follow-up {p.slot})</span> : null}
              </th>
              <td>{formatDuration(p.speakingSeconds)}</td>
              <td>{orDash(p.wordsPerMinute)}</td>
              <td>{orDash(p.fillersPerMinute)}</td>
              <td>{orDash(p.longPauses)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
