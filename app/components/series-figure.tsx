import type { Bucket, Series } from "~/review/progress-series";
import { formatDate, formatMonth } from "~/review/format";
import { Score } from "./score";
import { ScoreChart } from "./score-chart";
import { useLowAnxiety } from "./use-low-anxiety";

const PERIOD_NAMES: Record<Bucket, string> = { day: "Day", week: "Week starting", month: "Month" };

/** One series: heading, where it stands, the chart, and the chart's data as a table (its text alternative). */
export function SeriesFigure({
  id,
  series,
  bucket,
  from,
  to,
}: {
  id: string;
  series: Series;
  bucket: Bucket;
  from: number;
  to: number;
}) {
  const lowAnxiety = useLowAnxiety();
  return (
    <figure className="series" aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`}>{series.name}</h3>
      <p className="hint">
        Recently <Score value={series.recent} /> · all time <Score value={series.average} /> ·{" "}
        {series.attempts} {series.attempts === 1 ? "score" : "scores"}
      </p>
      <ScoreChart
        id={id}
        name={series.name}
        points={series.points}
        from={from}
        to={to}
        lowAnxiety={lowAnxiety}
      />
      <details>
        <summary>
          Table of {series.name} by {bucket}
        </summary>
        <table className="data-table">
          <caption className="visually-hidden">
            {series.name}: average score by {bucket}
          </caption>
          <thead>
            <tr>
              <th scope="col">{PERIOD_NAMES[bucket]}</th>
              <th scope="col">Average</th>
              <th scope="col">Scores</th>
            </tr>
          </thead>
          <tbody>
            {series.points.map((p) => (
              <tr key={p.period}>
                <th scope="row">
                  {bucket === "month" ? formatMonth(p.period) : formatDate(p.period)}
                </th>
                <td>
                  <Score value={p.average} />
                </td>
                <td>{p.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
