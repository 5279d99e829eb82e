import { Link } from "@remix-run/react";
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
      <table className="data-table attempts-table">
        <caption className="visually-hidden">Every attempt, criterion by criterion</caption>
        <thead>
          <tr>
            <th scope="col">Attempt</th>
            <th scope="col">Overall</th>
            {criteria.map((c) => (
              <th scope="col" key={c.id}>
                {c.name}
              </th>
            ))}
            <th scope="col">Time used</th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((a) => (
            <tr key={a.roundId}>
              <th scope="row">
                <Link to={`/rounds/${a.roundId}/report`}>
                  <span className="visually-hidden">Round report, </span>
                  {dates.timestamp(a.createdAt)}
                </Link>
              </th>
              <td data-label="Overall">
                <Score value={a.overall} empty={a.skipped ? "skipped" : "not graded"} />
              </td>
              {criteria.map((c) => (
                <td key={c.id} data-label={c.name}>
                  <Score value={a.scores[c.id] ?? null} empty="—" digits={0} />
                </td>
              ))}
              <td data-label="Time used">{formatDuration(a.secondsUsed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
