import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod";
import { requireUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/form-errors";
import { DeliveryOverTime } from "~/components/delivery-over-time";
import { SeriesFigure } from "~/components/series-figure";
import { SeriesOverview } from "~/components/series-overview";
import type { Series } from "~/review/progress-series";
import { loadDeliveryOverTime } from "~/review/delivery-over-time.server";
import { loadProgress } from "~/review/progress.server";
import { parseSearchParams } from "~/utils/search-params";

/** Charts drawn by default for each list: the weakest few; the overview tables always list everything. */
const CHARTED = 6;
const chartsSchema = z.object({
  charts: z.literal("all", { error: "Use charts=all, or leave it out." }).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = parseSearchParams(chartsSchema, request.url);
  const all = query.ok && query.data.charts === "all";
  const progress = loadProgress(user.id);
  const summary = ({ points: _points, ...rest }: Series) => rest;
  const body = progress
    ? (() => {
        const charted = (list: Series[]) => (all ? list : list.slice(0, CHARTED));
        const periods = [...progress.criteria, ...progress.skills].flatMap((s) =>
          s.points.map((p) => Date.parse(p.period)),
        );
        return {
          bucket: progress.bucket,
          answers: progress.answers,
          criteria: progress.criteria.map(summary),
          skills: progress.skills.map(summary),
          criteriaCharts: charted(progress.criteria),
          skillCharts: charted(progress.skills),
          from: Math.min(...periods),
          to: Math.max(...periods),
        };
      })()
    : null;
  const delivery = loadDeliveryOverTime(user.id);
  const result = { progress: body, delivery, all, errors: query.ok ? null : query.errors };
  return query.ok ? result : data(result, { status: 400 });
}

export default function ProgressPage() {
  const { progress, delivery, all, errors } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>Progress</h1>
      <FormErrors errors={errors?.fields.charts} />
      {!progress ? (
        <p className="muted">
          No graded answers yet. Scores per criterion and per skill appear here after your first
          round.
        </p>
      ) : (
        <>
          <p className="hint">
            {progress.answers} graded {progress.answers === 1 ? "answer" : "answers"}, averaged by{" "}
            {progress.bucket}. &ldquo;Recently&rdquo; is your newest five or so scores.{" "}
            {all ? "Every series is charted." : `Charts for the ${CHARTED} weakest of each list.`}{" "}
            {all ? (
              <Link to="/progress">Chart only the weakest</Link>
            ) : (
              <Link to="/progress?charts=all">Chart every series</Link>
            )}
          </p>
          <h2>Rubric criteria, weakest first</h2>
          <SeriesOverview
            caption="Rubric criteria, weakest first"
            label="Criterion"
            series={progress.criteria}
          />
          <div className="series-grid">
            {progress.criteriaCharts.map((s) => (
              <SeriesFigure
                key={s.key}
                id={`criterion-${s.key}`}
                series={s}
                bucket={progress.bucket}
                from={progress.from}
                to={progress.to}
              />
            ))}
          </div>
          <h2>Skills, weakest first</h2>
          <SeriesOverview caption="Skills, weakest first" label="Skill" series={progress.skills} />
          <div className="series-grid">
            {progress.skillCharts.map((s) => (
              <SeriesFigure
                key={s.key}
                id={`skill-${s.key}`}
                series={s}
                bucket={progress.bucket}
                from={progress.from}
                to={progress.to}
              />
            ))}
          </div>
        </>
      )}
      {delivery.length > 0 ? <DeliveryOverTime points={delivery} /> : null}
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Progress · Rehearse" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
