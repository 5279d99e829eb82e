import type { SeriesSummary } from "~/review/progress-series";
import { Score, ScoreChange } from "~/components/score";

/** Every series in one table, in the order given (weakest first). */
export function SeriesOverview({
  caption,
  label,
  series,
}: {
  caption: string;
  label: string;
  series: SeriesSummary[];
}) {
  return (
    <table className="data-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{label}</th>
          <th scope="col">Recently</th>
          <th scope="col">All time</th>
          <th scope="col">Change</th>
          <th scope="col">Attempts</th>
        </tr>
      </thead>
      <tbody>
        {series.map((s) => (
          <tr key={s.key}>
            <th scope="row">{s.name}</th>
            <td data-label="Recently">
              <Score value={s.recent} />
            </td>
            <td data-label="All time">
              <Score value={s.average} />
            </td>
            <td data-label="Change">
              <ScoreChange delta={s.change} />
            </td>
            <td data-label="Attempts">{s.attempts}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
