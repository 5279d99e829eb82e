import { Link } from "@remix-run/react";
import type { SeriesSummary } from "~/review/progress-series";
import { Score, ScoreChange } from "~/components/score";

/**
 * The top of /progress: the few criteria and skills where the user is weakest
 * now (lowest newest-five average), each linked to its chart further down.
 */
export function WeakestSummary({
  criteria,
  skills,
}: {
  criteria: SeriesSummary[];
  skills: SeriesSummary[];
}) {
  return (
    <section className="weakest" aria-labelledby="weakest-heading">
      <h2 id="weakest-heading">Where you are weakest</h2>
      <div className="two-col">
        <WeakestList title="Criteria" prefix="criterion" series={criteria} />
        <WeakestList title="Skills" prefix="skill" series={skills} />
      </div>
      <p className="hint">
        Weakest first, by your newest five scores; the change compares them with your first ones.{" "}
        <Link to="/readiness">Practise your weakest skills</Link> in one click from your readiness.
      </p>
    </section>
  );
}

function WeakestList({
  title,
  prefix,
  series,
}: {
  title: string;
  prefix: string;
  series: SeriesSummary[];
}) {
  return (
    <div className="weakest-group">
      <h3 id={`weakest-${prefix}`}>{title}</h3>
      <ol className="weakest-list" aria-labelledby={`weakest-${prefix}`}>
        {series.map((s) => (
          <li key={s.key}>
            <a href={`#${prefix}-${s.key}`}>{s.name}</a>
            <span className="weakest-figures">
              <Score value={s.recent} /> <ScoreChange delta={s.change} /> · {s.attempts}{" "}
              {s.attempts === 1 ? "attempt" : "attempts"}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
