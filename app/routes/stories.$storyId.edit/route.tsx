import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { StoryForm } from "~/components/story-form";
import { requireStory, updateStory } from "~/stories/stories.server";
import { parseStoryForm, storyFormOptions } from "~/stories/story-form.server";
import { redirectWithNotice } from "~/utils/notice.server";
import { StoryBreadcrumb } from "~/components/story-breadcrumb";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const story = requireStory(user.id, params.storyId);
  return {
    story: { id: story.id, title: story.title },
    options: storyFormOptions(user.id),
    values: {
      title: story.title,
      situation: story.situation,
      task: story.task,
      action: story.action,
      result: story.result,
      metric: story.metric,
      competencies: story.competencies,
      ownCompetencies: "",
      skills: story.skills,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const story = requireStory(user.id, params.storyId);
  const submission = parseStoryForm(await request.formData());
  if (submission.status !== "success")
    return data(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  // Links to answers are made on the answer page, never by editing: a posted answerId is ignored.
  const { answerId: _answerId, ...fields } = submission.value;
  updateStory(user.id, story.id, fields);
  throw await redirectWithNotice(`/stories/${story.id}`, {
    type: "success",
    text: "The story is saved.",
  });
}

export default function EditStoryPage() {
  const { story, options, values } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <section className="narrow">
      <StoryBreadcrumb story={story} />
      <h1>Edit story</h1>
      <StoryForm
        defaultValue={values}
        lastResult={lastResult}
        options={options}
        submitLabel="Save changes"
      />
      <p>
        <Link to={`/stories/${story.id}`}>Cancel</Link>
      </p>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Edit story · Rehearse" }];
