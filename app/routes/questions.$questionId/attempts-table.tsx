import { Link } from "@remix-run/react";
import { DataTable } from "~/components/data-table";
import { formatDuration } from "~/dates/format";
import { Score } from "~/components/score";
import { useDateFormat } from "~/dates/use-date-format";

export interface AttemptColumn {
  roundId: string;
  createdAt: Date;
  overall: number | null;
  skipped: boolean;
  scores: Record<string, number>;
  secondsUsed: number;
}

/** Attempts side by side: one row each, a column per rubric criterion. */
export function AttemptsTable({
  attempts,
  criteria,
}: {
  attempts: AttemptColumn[];
  criteria: { id: string; name: string }[];
}) {
  const dates = useDateFormat();
  return (
    <div className="table-scroll">
      <DataTable
        className="attempts-table"
        caption="Every attempt, criterion by criterion"
        rows={attempts}
        rowKey={(a) => a.roundId}
        rowHeader={{
          header: "Attempt",
          cell: (a) => (
            <Link to={`/rounds/${a.roundId}/report`}>
              <span className="visually-hidden">Round report, </span>
              {dates.timestamp(a.createdAt)}
            </Link>
          ),
        }}
        columns={[
          {
            header: "Overall",
            cell: (a) => <Score value={a.overall} empty={a.skipped ? "skipped" : "not graded"} />,
          },
          ...criteria.map((c) => ({
            header: c.name,
            key: c.id,
            cell: (a: AttemptColumn) => (
              <Score value={a.scores[c.id] ?? null} empty="—" digits={0} />
            ),
          })),
          { header: "Time used", cell: (a) => formatDuration(a.secondsUsed) },
        ]}
      />
    </div>
  );
}
