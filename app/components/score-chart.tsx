import { SCORE_MAX, SCORE_MIN } from "~/grading/score-scale";
import { trendWords, type Trend } from "~/review/progress-series";
import { scoreBand, scoreInWords, scoreText, type ScoreBand } from "~/scores/score-words";
import type { DateFormat } from "~/dates/format";
import { useDateFormat } from "~/dates/use-date-format";

/** Drawing sizes: a chart in a grid of several, or the wider one at the top of a page. */
const SIZES = { small: { W: 360, H: 150 }, wide: { W: 400, H: 170 } } as const;
const PAD = { left: 24, right: 76, top: 6, bottom: 22 };

/**
 * The score bands as stretches of the scale, read from score-words.ts (the one
 * place their limits live): where the band changes between 1 and 5.
 */
const BANDS: { band: ScoreBand; word: string; from: number; to: number }[] = (() => {
  const bands: { band: ScoreBand; word: string; from: number; to: number }[] = [];
  for (let step = 0; step <= (SCORE_MAX - SCORE_MIN) * 20; step++) {
    const value = SCORE_MIN + step / 20;
    const band = scoreBand(value);
    const last = bands.at(-1);
    if (last?.band === band) continue;
    // A band runs up to where the next one starts.
    if (last) last.to = value;
    bands.push({ band, word: scoreInWords(value), from: value, to: SCORE_MAX });
  }
  return bands;
})();

export interface ChartPoint {
  /** The attempt's number in its series, from 1. */
  n: number;
  at: number;
  score: number;
}

/** What the chart shows, in one sentence: the screen reader's description and the caption's text. */
export function chartSummary(
  points: ChartPoint[],
  trend: Trend | null,
  lowAnxiety: boolean,
  dates: DateFormat,
): string {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return "No attempts yet.";
  if (first === last)
    return `One attempt, on ${dates.date(first.at)}: ${scoreText(first.score, lowAnxiety)}.`;
  return (
    `Attempts ${first.n} to ${last.n}, ${dates.date(first.at)} to ${dates.date(last.at)}: ` +
    `${scoreText(first.score, lowAnxiety)} at first, ${scoreText(last.score, lowAnxiety)} most recently` +
    (trend ? `; the trend is ${trendWords(trend, lowAnxiety)}.` : ".")
  );
}

/**
 * A server-rendered chart of scores attempt by attempt: one dot per attempt
 * (two tries on one day are two dots), evenly spaced in the order taken, a
 * straight trend line fitted through them, and the score bands as shaded
 * stretches, each labelled with its word so colour never carries the meaning
 * alone. No inline styles (the CSP forbids them): classes and SVG attributes.
 * Its text alternative is the table beside it; the SVG carries a title and a
 * one-sentence description. In low-anxiety mode the scale has no numbers.
 */
export function ScoreChart({
  id,
  name,
  points,
  trend,
  lowAnxiety,
  size = "small",
}: {
  id: string;
  name: string;
  points: ChartPoint[];
  trend: Trend | null;
  lowAnxiety: boolean;
  size?: keyof typeof SIZES;
}) {
  const dates = useDateFormat();
  const { W, H } = SIZES[size];
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const y = (value: number) => PAD.top + ((SCORE_MAX - value) / (SCORE_MAX - SCORE_MIN)) * plotH;
  const x = (i: number) =>
    points.length === 1 ? PAD.left + plotW / 2 : PAD.left + (i / (points.length - 1)) * plotW;
  const first = points[0];
  const last = points.at(-1);
  const xy = (i: number, value: number) => `${x(i).toFixed(1)},${y(value).toFixed(1)}`;
  return (
    <svg
      className={`score-chart attempt-chart attempt-chart-${size}`}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{`${name}, attempt by attempt`}</title>
      <desc id={`${id}-desc`}>{chartSummary(points, trend, lowAnxiety, dates)}</desc>
      {BANDS.map((b) => (
        <rect
          key={b.band}
          className={`band band-${b.band}`}
          x={PAD.left}
          width={plotW}
          y={y(b.to)}
          height={y(b.from) - y(b.to)}
        />
      ))}
      {BANDS.map((b) => (
        <text
          key={b.band}
          className={`band-word band-${b.band}`}
          x={W - PAD.right + 6}
          y={y((b.from + b.to) / 2) + 3.5}
        >
          {b.word}
        </text>
      ))}
      {lowAnxiety
        ? null
        : [1, 2, 3, 4, 5].map((value) => (
            <text key={value} className="axis" x={PAD.left - 6} y={y(value) + 3.5} textAnchor="end">
              {value}
            </text>
          ))}
      {points.length > 1 ? (
        <polyline className="line" points={points.map((p, i) => xy(i, p.score)).join(" ")} />
      ) : null}
      {trend && points.length > 1 ? (
        <line
          className={`trend trend-${trend.direction}`}
          x1={x(0).toFixed(1)}
          y1={y(trend.from).toFixed(1)}
          x2={x(points.length - 1).toFixed(1)}
          y2={y(trend.to).toFixed(1)}
        />
      ) : null}
      {points.map((p, i) => (
        <circle key={p.n} className="dot" cx={x(i).toFixed(1)} cy={y(p.score).toFixed(1)} r={3} />
      ))}
      {first && last ? (
        <>
          <text className="axis" x={PAD.left} y={H - 6}>
            {`#${first.n} · ${dates.date(first.at)}`}
          </text>
          {last !== first ? (
            <text className="axis" x={W - PAD.right} y={H - 6} textAnchor="end">
              {`#${last.n} · ${dates.date(last.at)}`}
            </text>
          ) : null}
        </>
      ) : null}
    </svg>
  );
}
