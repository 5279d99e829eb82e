import type { AttemptPoint, SeriesSummary, Trend } from "~/review/progress-series";
import { trendWords } from "~/review/progress-series";
import { scoreInWords, scoreText } from "~/scores/score-words";
import { Score } from "~/components/score";
import { ScoreChart } from "~/components/score-chart";
import { useLowAnxiety } from "~/components/use-low-anxiety";
import { useDateFormat } from "~/dates/use-date-format";

export interface SeriesChartData extends SeriesSummary {
  points: AttemptPoint[];
  trend: Trend | null;
}

/** One series: heading, where it stands, the chart of its newest attempts, and those attempts in text (the chart's text alternative). */
export function SeriesFigure({ id, series }: { id: string; series: SeriesChartData }) {
  const dates = useDateFormat();
  const lowAnxiety = useLowAnxiety();
  const shown = series.points.length;
  return (
    <figure id={id} className="series" aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`}>{series.name}</h3>
      <p className="hint">
        Recently <Score value={series.recent} /> · all time <Score value={series.average} />
        {` · ${series.attempts} ${series.attempts === 1 ? "attempt" : "attempts"}`}
        {series.trend ? ` · trend ${trendWords(series.trend, lowAnxiety)}` : null}
      </p>
      <ScoreChart
        id={id}
        name={series.name}
        points={series.points}
        trend={series.trend}
        lowAnxiety={lowAnxiety}
      />
      <details>
        <summary>
          {shown === series.attempts
            ? `${series.name}: every attempt in text`
            : `${series.name}: the newest ${shown} attempts in text`}
        </summary>
        <ol className="attempt-list">
          {series.points.map((p) => (
            <li key={p.n}>
              {`Attempt ${p.n}, ${dates.date(p.at)}: ${scoreText(p.score, lowAnxiety)}${lowAnxiety ? "" : ` ${scoreInWords(p.score)}`}`}
            </li>
          ))}
        </ol>
      </details>
    </figure>
  );
}
