import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { StoryMatrix } from "./story-matrix";
import { questionsForUser } from "~/custom-questions/questions-for-user.server";
import { coverageMatrix } from "~/stories/coverage";
import { listAllStories } from "~/stories/stories.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const stories = listAllStories(user.id).map((s) => ({
    id: s.id,
    title: s.title,
    competencies: s.competencies,
  }));
  const rows = coverageMatrix(stories, questionsForUser(user.id));
  return { rows, stories: stories.map(({ id, title }) => ({ id, title })) };
}

export default function StoryMatrixPage() {
  const { rows, stories } = useLoaderData<typeof loader>();
  const gaps = rows.filter((r) => r.storyIds.length === 0).length;
  return (
    <section>
      <p className="breadcrumb">
        <Link to="/stories">Story bank</Link>
      </p>
      <h1>Coverage matrix</h1>
      <p className="lede">
        {gaps === 0
          ? "Every competency has at least one story."
          : `${gaps} of ${rows.length} competencies ${gaps === 1 ? "has" : "have"} no story yet.`}{" "}
        Each gap names a behavioural question that would exercise it.
      </p>
      {stories.length === 0 ? (
        <p className="muted">
          No stories yet. <Link to="/stories/new">Write one</Link>.
        </p>
      ) : null}
      <StoryMatrix rows={rows} stories={stories} />
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Story coverage · Rehearse" }];
