import { trendWords, type SeriesSummary, type Trend } from "~/review/progress-series";
import { DataTable } from "~/components/data-table";
import { Score } from "~/components/score";
import { ScoreChart } from "~/components/score-chart";
import { useLowAnxiety } from "~/components/use-low-anxiety";
import { useDateFormat } from "~/dates/use-date-format";

interface OverallData extends SeriesSummary {
  points: { n: number; at: number; score: number; title: string; roundId: string }[];
  trend: Trend | null;
}

/** The overall score over the newest attempts, all criteria together, with its trend line and the attempts as a table. */
export function ProgressOverall({ overall }: { overall: OverallData }) {
  const dates = useDateFormat();
  const lowAnxiety = useLowAnxiety();
  const shown = overall.points.length;
  return (
    <section aria-labelledby="overall-heading">
      <h2 id="overall-heading">Overall score, attempt by attempt</h2>
      <figure id="overall" className="series overall-chart" aria-labelledby="overall-heading">
        <p className="overall-figures">
          <span>
            Recently <Score value={overall.recent} />
          </span>
          <span>
            All time <Score value={overall.average} />
          </span>
          {overall.trend ? (
            <span>
              Trend over {shown === overall.attempts ? "every attempt" : `your newest ${shown}`}:{" "}
              <strong className={`trend-word trend-${overall.trend.direction}`}>
                {trendWords(overall.trend, lowAnxiety)}
              </strong>
            </span>
          ) : null}
        </p>
        <ScoreChart
          id="overall-chart"
          name="Overall score"
          points={overall.points}
          trend={overall.trend}
          lowAnxiety={lowAnxiety}
          size="wide"
        />
        <p className="hint chart-key">
          Dots: one attempt each, oldest on the left. Dashed line: the trend. Shaded bands: what a
          score means, named on the right.
        </p>
        <details>
          <summary>
            {shown === overall.attempts
              ? "Every attempt as a table"
              : `The newest ${shown} attempts as a table`}
          </summary>
          <DataTable
            caption="Overall score per attempt"
            rows={overall.points}
            rowKey={(p) => p.n}
            rowHeader={{ header: "Attempt", cell: (p) => p.n }}
            columns={[
              { header: "Date", cell: (p) => dates.date(p.at) },
              {
                header: "Question",
                // A plain link: thirty router links cost more to render than the rest of the table.
                cell: (p) => <a href={`/rounds/${p.roundId}/report`}>{p.title}</a>,
              },
              { header: "Score", cell: (p) => <Score value={p.score} /> },
            ]}
          />
        </details>
      </figure>
    </section>
  );
}
