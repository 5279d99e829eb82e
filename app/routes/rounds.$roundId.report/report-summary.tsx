import { summaryScore, summaryTime, type SummaryRow } from "~/review/report-summary";
import { useLowAnxiety } from "~/components/use-low-anxiety";

/** The report's opening: every question with its score and time, each linking to its section below. */
export function ReportSummary({ rows }: { rows: SummaryRow[] }) {
  const lowAnxiety = useLowAnxiety();
  return (
    <section className="report-summary" aria-labelledby="summary">
      <h2 id="summary">Summary</h2>
      <ol className="report-summary-list">
        {rows.map((row) => (
          <li key={row.position}>
            <a href={`#q-${row.position}`}>{row.title}</a>
            <span className={row.overall === null ? "muted" : "score"}>
              {summaryScore(row, lowAnxiety)}
            </span>
            <span className="hint">Time used {summaryTime(row)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
