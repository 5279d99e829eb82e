import type { SeriesPoint } from "~/review/progress-series";
import { formatDate } from "~/review/format";
import { scoreText } from "~/review/score-words";
import { SCORE_MAX, SCORE_MIN } from "~/grading/score-scale";

const W = 320;
const H = 120;
const PAD = { left: 58, right: 10, top: 10, bottom: 22 };

/**
 * A small server-rendered line chart of average scores over time. Its text
 * alternative is the table beside it; the SVG itself carries a title and a
 * one-sentence summary for screen readers. `from`/`to` (ms) put every chart
 * on the same time axis. In low-anxiety mode the axis has words, not numbers.
 */
export function ScoreChart({
  id,
  name,
  points,
  from,
  to,
  lowAnxiety,
}: {
  id: string;
  name: string;
  points: SeriesPoint[];
  from: number;
  to: number;
  lowAnxiety: boolean;
}) {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (period: string) =>
    to === from
      ? PAD.left + plotW / 2
      : PAD.left + ((Date.parse(period) - from) / (to - from)) * plotW;
  const y = (value: number) => PAD.top + ((SCORE_MAX - value) / (SCORE_MAX - SCORE_MIN)) * plotH;
  const first = points[0];
  const last = points.at(-1);
  const summary =
    first && last
      ? `${points.length} ${points.length === 1 ? "period" : "periods"} from ${formatDate(first.period)} to ${formatDate(last.period)}: ` +
        `${scoreText(first.average, lowAnxiety)} at first, ${scoreText(last.average, lowAnxiety)} most recently.`
      : "No scores yet.";
  const levels = lowAnxiety
    ? [
        { value: SCORE_MAX, label: "stronger" },
        { value: SCORE_MIN, label: "weaker" },
      ]
    : [5, 4, 3, 2, 1].map((value) => ({ value, label: String(value) }));
  return (
    <svg
      className="score-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{`${name} over time`}</title>
      <desc id={`${id}-desc`}>{summary}</desc>
      {levels.map(({ value, label }) => (
        <g key={value} className="grid">
          <line x1={PAD.left} x2={W - PAD.right} y1={y(value)} y2={y(value)} />
          <text x={PAD.left - 6} y={y(value) + 4} textAnchor="end">
            {label}
          </text>
        </g>
      ))}
      {points.length > 1 ? (
        <polyline
          className="line"
          points={points
            .map((p) => `${x(p.period).toFixed(1)},${y(p.average).toFixed(1)}`)
            .join(" ")}
        />
      ) : null}
      {points.map((p) => (
        <circle
          key={p.period}
          className="dot"
          cx={x(p.period).toFixed(1)}
          cy={y(p.average).toFixed(1)}
          r={3}
        />
      ))}
      <text className="axis" x={PAD.left} y={H - 6}>
        {formatDate(from)}
      </text>
      <text className="axis" x={W - PAD.right} y={H - 6} textAnchor="end">
        {formatDate(to)}
      </text>
    </svg>
  );
}
