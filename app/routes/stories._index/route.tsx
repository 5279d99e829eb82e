import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/filter-select";
import { ErrorList } from "~/components/form-errors";
import { storyFlags } from "~/stories/quality-flags";
import { LIST_LIMIT, searchStories } from "~/stories/stories.server";
import { usageOfStories } from "~/stories/story-answers.server";
import { storyFormOptions } from "~/stories/story-form.server";
import { STORY_LIMITS } from "~/stories/story-limits";
import { storySearchSchema } from "~/stories/story-schemas";
import { UNUSED } from "~/stories/story-usage";
import { parseSearchParams } from "~/utils/search-params";
import { skillList } from "~/question-bank/skill-label";
import { useDateFormat } from "~/dates/use-date-format";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const values = {
    q: url.searchParams.get("q") ?? "",
    competency: url.searchParams.get("competency") ?? "",
  };
  const { competencies } = storyFormOptions(user.id);
  const parsed = parseSearchParams(storySearchSchema, url);
  if (!parsed.ok) {
    return data(
      {
        stories: [],
        total: 0,
        searched: true,
        competencies,
        values,
        errors: parsed.errors,
      },
      { status: 400 },
    );
  }
  const { q, competency } = parsed.data;
  const { stories, total } = searchStories(user.id, parsed.data);
  const usage = usageOfStories(user.id);
  return {
    stories: stories.map((s) => ({
      id: s.id,
      title: s.title,
      competencies: s.competencies,
      skills: s.skills,
      updatedAt: s.updatedAt,
      flags: storyFlags(s).length,
      ...(usage.get(s.id) ?? UNUSED),
    })),
    total,
    searched: Boolean(q || competency),
    competencies,
    values,
    errors: null,
  };
}

export default function StoriesPage() {
  const dates = useDateFormat();
  const { stories, total, searched, competencies, values, errors } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>Story bank</h1>
      <p className="lede">
        A handful of well-rehearsed, quantified stories wins behavioural interviews. Keep them here,
        see which competencies still need one, and retell them in practice.
      </p>
      <p className="actions report-actions">
        <Link className="button-link" to="/stories/new">
          Write a story
        </Link>
        <Link to="/stories/matrix">Coverage matrix</Link>
        <a href="/stories/export.md" download>
          Export as Markdown
        </a>
      </p>
      <Form method="get" className="filters" role="search" aria-label="Search stories">
        <ErrorList errors={errors?.form} />
        <div>
          <label htmlFor="q">Search</label>
          <input
            id="q"
            name="q"
            type="search"
            maxLength={STORY_LIMITS.query}
            defaultValue={values.q}
            aria-invalid={errors?.fields.q ? true : undefined}
            aria-describedby={errors?.fields.q ? "q-errors" : undefined}
          />
          <ErrorList id="q-errors" errors={errors?.fields.q} />
        </div>
        <FilterSelect
          name="competency"
          label="Competency"
          any="Any competency"
          options={competencies}
          defaultValue={values.competency}
          errors={errors?.fields.competency}
        />
        <div className="filter-actions">
          <button type="submit">Search</button>
          {searched ? <Link to="/stories">Clear</Link> : null}
        </div>
      </Form>
      {stories.length === 0 ? (
        <p className="muted">
          {searched || errors
            ? "No story matches that search."
            : "No stories yet. Write one, or save a graded behavioural answer as a story."}
        </p>
      ) : (
        <>
          {searched ? (
            <p className="hint" role="status">
              {total} {total === 1 ? "story matches" : "stories match"}
              {total > LIST_LIMIT ? `; the ${LIST_LIMIT} most recently edited are shown` : ""}.
            </p>
          ) : null}
          <ul className="story-list">
            {stories.map((s) => (
              <li key={s.id}>
                <h2>
                  <Link to={`/stories/${s.id}`}>{s.title}</Link>
                </h2>
                <p className="hint">
                  {s.competencies.length > 0 ? s.competencies.join(", ") : "No competencies yet"}
                  {s.skills.length > 0 ? ` · skills: ${skillList(s.skills)}` : ""} · told in{" "}
                  {s.uses} {s.uses === 1 ? "answer" : "answers"} · edited {dates.date(s.updatedAt)}
                </p>
                <p>
                  {s.overused ? <span className="badge">Overused lately</span> : null}{" "}
                  {s.flags > 0 ? (
                    <span className="badge">
                      {s.flags} {s.flags === 1 ? "thing" : "things"} to improve
                    </span>
                  ) : (
                    <span className="muted">Ready to tell</span>
                  )}
                </p>
              </li>
            ))}
          </ul>
          {!searched && total > LIST_LIMIT ? (
            <p className="hint">
              The {LIST_LIMIT} most recently edited of your {total} stories are shown; search to
              find the rest.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Stories · Rehearse" }];
