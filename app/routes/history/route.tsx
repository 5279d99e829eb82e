import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { SkillAndKindFilters } from "~/components/filter-select";
import { ErrorList } from "~/components/form-errors";
import { DataTable } from "~/components/data-table";
import { Pagination } from "~/components/pagination";
import { Score } from "~/components/score";
import { questionsForUser } from "~/custom-questions/questions-for-user.server";
import { formatDuration } from "~/dates/format";
import { historyFiltersSchema, NO_FILTERS } from "~/review/history-filters";
import { historyHref } from "~/review/history-href";
import { listHistory } from "~/review/history.server";
import { parseSearchParams } from "~/utils/search-params";
import { useDateFormat } from "~/dates/use-date-format";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const skills = [...new Set(questionsForUser(user.id).flatMap((q) => q.skills))].sort();
  const values: Record<string, string> = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = parseSearchParams(historyFiltersSchema, request.url);
  if (!parsed.ok) {
    const empty = { rounds: [], total: 0, page: 1, pages: 0 };
    return data(
      { ...empty, skills, filters: NO_FILTERS, values, errors: parsed.errors },
      { status: 400 },
    );
  }
  const filters = parsed.data;
  return { ...listHistory(user.id, filters), skills, filters, values, errors: null };
}

export default function HistoryPage() {
  const { rounds, total, page, pages, skills, filters, values, errors } =
    useLoaderData<typeof loader>();
  const value = (field: string) => values[field] ?? "";
  const filtered = Boolean(filters.skill || filters.kind || filters.from || filters.to);
  return (
    <section>
      <h1>History</h1>
      <p className="hint">Every round you have taken, newest first.</p>
      <Form method="get" className="filters" aria-label="Filter rounds">
        <ErrorList errors={errors?.form} />
        <SkillAndKindFilters skills={skills} value={value} errors={errors?.fields} />
        <div>
          <label htmlFor="from">From</label>
          <input id="from" name="from" type="date" defaultValue={value("from")} />
          <ErrorList errors={errors?.fields.from} />
        </div>
        <div>
          <label htmlFor="to">To</label>
          <input id="to" name="to" type="date" defaultValue={value("to")} />
          <ErrorList errors={errors?.fields.to} />
        </div>
        <div className="filter-actions">
          <button type="submit">Filter rounds</button>
          {filtered || errors ? <Link to="/history">Clear filters</Link> : null}
        </div>
      </Form>
      {errors?.fields.page ? <ErrorList errors={errors.fields.page} /> : null}
      {rounds.length === 0 ? (
        <p className="muted">
          {errors
            ? "Fix the filters above to see your rounds."
            : filtered
              ? "No rounds match these filters."
              : page > 1
                ? "No rounds on this page."
                : "No rounds yet."}
        </p>
      ) : (
        <>
          <p className="hint">
            {total} {total === 1 ? "round" : "rounds"}
            {filtered ? " match" : ""}
          </p>
          <DataTable
            className="history-table"
            caption="Your rounds, newest first"
            rows={rounds}
            rowKey={(r) => r.id}
            rowHeader={{ header: "Round", cell: (r) => <RoundName round={r} /> }}
            columns={[
              { header: "Questions", cell: (r) => `${r.answered} of ${r.questions} answered` },
              { header: "Overall", cell: (r) => <Score value={r.overall} /> },
              { header: "Time used", cell: (r) => formatDuration(r.secondsUsed) },
            ]}
          />
        </>
      )}
      <Pagination page={page} pages={pages} href={(p) => historyHref(filters, p)} noun="rounds" />
      <p className="hint">
        <a href="/export.json" download>
          Download all your data (JSON)
        </a>
      </p>
    </section>
  );
}

type HistoryRound = ReturnType<typeof useLoaderData<typeof loader>>["rounds"][number];

/** The round's title, linked to its report, with when it was played and how far it got. */
function RoundName({ round }: { round: HistoryRound }) {
  const when = useDateFormat().timestamp(round.createdAt);
  return (
    <>
      <Link to={`/rounds/${round.id}/report`}>
        {round.title}
        <span className="visually-hidden">, {when}</span>
      </Link>
      <div className="hint">
        {when} · band {round.band}
        {round.finishedAt ? "" : " · in progress"}
      </div>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "History · Rehearse" }];
