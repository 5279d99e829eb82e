import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { ErrorList } from "~/components/form-errors";
import { chartsQuerySchema } from "./charts-query.server";
import { DeliveryOverTime } from "./delivery-over-time";
import { ProgressOverall } from "./progress-overall";
import { WeakestSummary } from "./progress-weakest";
import { SeriesFigure } from "./series-figure";
import { SeriesOverview } from "./series-overview";
import { loadDeliveryOverTime } from "~/review/delivery-over-time.server";
import { chartOf, loadProgress } from "~/review/progress.server";
import type { NamedSeries } from "~/review/progress-series";
import { parseSearchParams } from "~/utils/search-params";
import { useDateFormat } from "~/dates/use-date-format";
import { formatCount } from "~/utils/format-count";

/** Criteria and skills in the summary at the top, each charted below by default. */
const WEAKEST = 3;
/** Rows of each table by default: the weakest; `?charts=all` lists and charts every one. */
const LISTED = 15;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = parseSearchParams(chartsQuerySchema, request.url);
  const all = query.ok && query.data.charts === "all";
  const progress = loadProgress(user.id);
  const body = progress
    ? (() => {
        const charted = (list: NamedSeries[]) =>
          (all ? list : list.slice(0, WEAKEST)).map((s) => chartOf(user.id, s));
        const listed = (list: NamedSeries[]) =>
          (all ? list : list.slice(0, LISTED)).map((s) => s.summary);
        return {
          answers: progress.answers,
          since: progress.since,
          overall: progress.overall,
          // Weakest first: the summary's few lead each list.
          criteria: listed(progress.criteria),
          skills: listed(progress.skills),
          criteriaCount: progress.criteria.length,
          skillCount: progress.skills.length,
          criteriaCharts: charted(progress.criteria),
          skillCharts: charted(progress.skills),
        };
      })()
    : null;
  const delivery = loadDeliveryOverTime(user.id);
  const result = { progress: body, delivery, all, errors: query.ok ? null : query.errors };
  return query.ok ? result : data(result, { status: 400 });
}

export default function ProgressPage() {
  const dates = useDateFormat();
  const { progress, delivery, all, errors } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>Progress</h1>
      <ErrorList errors={errors?.fields.charts} />
      {!progress ? (
        <p className="muted">
          No graded answers yet. Your scores, attempt by attempt, appear here after your first
          round.
        </p>
      ) : (
        <>
          <p className="hint">
            {formatCount(progress.answers)} graded {progress.answers === 1 ? "attempt" : "attempts"}{" "}
            since {dates.date(progress.since)}. Every attempt is one dot, two on the same day
            included; &ldquo;recently&rdquo; is your newest five scores. Skipped and not-assessed
            answers count in no figure.
          </p>
          <WeakestSummary
            criteria={progress.criteria.slice(0, WEAKEST)}
            skills={progress.skills.slice(0, WEAKEST)}
          />
          <ProgressOverall overall={progress.overall} />
          <h2>Rubric criteria, weakest first</h2>
          <ListNote
            shown={progress.criteria.length}
            total={progress.criteriaCount}
            what="criteria"
            all={all}
          />
          <SeriesOverview
            caption="Rubric criteria, weakest first"
            label="Criterion"
            series={progress.criteria}
          />
          <div className="series-grid">
            {progress.criteriaCharts.map((s) => (
              <SeriesFigure key={s.key} id={`criterion-${s.key}`} series={s} />
            ))}
          </div>
          <h2>Skills, weakest first</h2>
          <ListNote
            shown={progress.skills.length}
            total={progress.skillCount}
            what="skills"
            all={all}
          />
          <SeriesOverview caption="Skills, weakest first" label="Skill" series={progress.skills} />
          <div className="series-grid">
            {progress.skillCharts.map((s) => (
              <SeriesFigure key={s.key} id={`skill-${s.key}`} series={s} />
            ))}
          </div>
        </>
      )}
      {delivery.length > 0 ? <DeliveryOverTime points={delivery} /> : null}
    </section>
  );
}

/** What a list shows (the weakest few, with their charts, or everything) and the link to the other. */
function ListNote({
  shown,
  total,
  what,
  all,
}: {
  shown: number;
  total: number;
  what: string;
  all: boolean;
}) {
  return (
    <p className="hint">
      {all
        ? `All ${total} ${what}, each charted below the table. `
        : shown < total
          ? `The ${shown} weakest of your ${total} ${what}; the ${Math.min(WEAKEST, total)} weakest are charted below the table. `
          : `The ${Math.min(WEAKEST, total)} weakest are charted below the table. `}
      {all ? (
        <Link to="/progress">Show only the weakest</Link>
      ) : (
        <Link to="/progress?charts=all">Show and chart every criterion and skill</Link>
      )}
    </p>
  );
}

export const meta: MetaFunction = () => [{ title: "Progress · Rehearse" }];
