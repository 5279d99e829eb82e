import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { ConfirmDeletionForm } from "~/components/confirm-deletion-form";
import { deleteStory, requireStory } from "~/stories/stories.server";
import { usageOfStories } from "~/stories/story-answers.server";
import { UNUSED } from "~/stories/story-usage";
import { deleteOnConfirmation } from "~/utils/confirm-deletion.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const story = requireStory(user.id, params.storyId);
  return {
    story: { id: story.id, title: story.title },
    uses: (usageOfStories(user.id).get(story.id) ?? UNUSED).uses,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const story = requireStory(user.id, params.storyId);
  return deleteOnConfirmation(request, () => deleteStory(user.id, story.id), {
    to: "/stories",
    text: "The story was deleted. The answers that told it are still in your history.",
  });
}

export default function DeleteStoryPage() {
  const { story, uses } = useLoaderData<typeof loader>();
  return (
    <section className="narrow">
      <h1>Delete this story?</h1>
      <p>
        <strong>{story.title}</strong>
      </p>
      <p>
        The story is removed from your bank
        {uses > 0
          ? `, and no longer counted as told in ${uses} ${uses === 1 ? "answer" : "answers"}`
          : ""}
        . The answers themselves stay in your history. This cannot be undone;{" "}
        <a href="/stories/export.md">export your stories as Markdown</a> first if you want a copy.
      </p>
      <ConfirmDeletionForm label="Delete story permanently" />
      <p>
        <Link to={`/stories/${story.id}`}>Keep the story</Link>
      </p>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Delete story · Rehearse" }];
