import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/form-errors";
import { deleteStory, requireStory } from "~/stories/stories.server";
import { usageOfStories } from "~/stories/story-answers.server";
import { deleteStorySchema } from "~/stories/story-forms";
import { UNUSED } from "~/stories/usage";
import { formError, parseForm } from "~/utils/forms";

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
  const form = parseForm(deleteStorySchema, await request.formData());
  if (!form.ok)
    return data(formError("Confirm the deletion with the button.", form.values), { status: 400 });
  deleteStory(user.id, story.id);
  throw redirect("/stories?deleted=1");
}

export default function DeleteStoryPage() {
  const { story, uses } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
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
      <Form method="post" className="stack">
        <FormErrors errors={result?.errors.form} />
        <input type="hidden" name="confirm" value="delete" />
        <button type="submit" className="danger" disabled={busy}>
          Delete story permanently
        </button>
      </Form>
      <p>
        <Link to={`/stories/${story.id}`}>Keep the story</Link>
      </p>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Delete story · Rehearse" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
