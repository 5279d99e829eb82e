import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/filter-select";
import { FormErrors } from "~/components/form-errors";
import { Pagination } from "~/components/pagination";
import { Score } from "~/components/score";
import { QUESTION_KINDS } from "~/question-bank/question-schema";
import { questionsForUser } from "~/question-bank/questions-for-user.server";
import { formatDuration } from "~/dates/format";
import { historyFiltersSchema, historyHref, NO_FILTERS } from "~/review/history-filters";
import { listHistory } from "~/review/history.server";
import { parseSearchParams } from "~/utils/search-params";
import { skillLabel } from "~/question-bank/skill-label";
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
  const dates = useDateFormat();
  const { rounds, total, page, pages, skills, filters, values, errors } =
    useLoaderData<typeof loader>();
  const value = (field: string) => values[field] ?? "";
  const filtered = Boolean(filters.skill || filters.kind || filters.from || filters.to);
  return (
    <section>
      <h1>History</h1>
      <p className="hint">Every round you have taken, newest first. Dates and times are UTC.</p>
      <Form method="get" className="filters" aria-label="Filter rounds">
        <FormErrors errors={errors?.form} />
        <FilterSelect
          name="skill"
          label="Skill"
          any="Any skill"
          options={skills.map((s) => ({ value: s, label: skillLabel(s) }))}
          defaultValue={value("skill")}
          errors={errors?.fields.skill}
        />
        <FilterSelect
          name="kind"
          label="Kind"
          any="Any kind"
          options={QUESTION_KINDS}
          defaultValue={value("kind")}
          errors={errors?.fields.kind}
        />
        <div>
          <label htmlFor="from">From</label>
          <input id="from" name="from" type="date" defaultValue={value("from")} />
          <FormErrors errors={errors?.fields.from} />
        </div>
        <div>
          <label htmlFor="to">To</label>
          <input id="to" name="to" type="date" defaultValue={value("to")} />
          <FormErrors errors={errors?.fields.to} />
        </div>
        <div className="filter-actions">
          <button type="submit">Filter rounds</button>
          {filtered || errors ? <Link to="/history">Clear filters</Link> : null}
        </div>
      </Form>
      {errors?.fields.page ? <FormErrors errors={errors.fields.page} /> : null}
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
          <table className="data-table history-table">
            <thead>
              <tr>
                <th scope="col">Round</th>
                <th scope="col">Questions</th>
                <th scope="col">Overall</th>
                <th scope="col">Time used</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((r) => {
                const when = dates.timestamp(r.createdAt);
                return (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/rounds/${r.id}/report`}>
                        {r.title}
                        <span className="visually-hidden">, {when}</span>
                      </Link>
                      <div className="hint">
                        {when} · band {r.band}
                        {r.finishedAt ? "" : " · in progress"}
                      </div>
                    </th>
                    <td data-label="Questions">
                      {r.answered} of {r.questions} answered
                    </td>
                    <td data-label="Overall">
                      <Score value={r.overall} />
                    </td>
                    <td data-label="Time used">{formatDuration(r.secondsUsed)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
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

export const meta: MetaFunction = () => [{ title: "History · Rehearse" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
