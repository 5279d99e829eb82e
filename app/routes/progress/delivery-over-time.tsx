import { Link } from "@remix-run/react";
import type { DeliveryPoint } from "~/review/delivery-over-time.server";
import { DataTable } from "~/components/data-table";
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
      <DataTable
        caption="Delivery of your spoken answers, newest first"
        rows={points}
        rowKey={(p) => `${p.roundId}-${p.position}-${p.slot}`}
        rowHeader={{
          header: "Question",
          cell: (p) => (
            <>
              <Link to={`/rounds/${p.roundId}/report`}>{p.questionTitle}</Link>
              {p.slot > 0 ? <span className="muted"> (follow-up {p.slot})</span> : null}
            </>
          ),
        }}
        columns={[
          { header: "Date", cell: (p) => dates.date(p.recordedAt) },
          { header: "Speaking time", cell: (p) => formatDuration(p.speakingSeconds) },
          { header: "Words a minute", cell: (p) => orDash(p.wordsPerMinute) },
          { header: "Fillers a minute", cell: (p) => orDash(p.fillersPerMinute) },
          { header: "Long pauses (2 s or more)", cell: (p) => orDash(p.longPauses) },
        ]}
      />
    </section>
  );
}
