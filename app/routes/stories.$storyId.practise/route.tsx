import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { ErrorList } from "~/components/form-errors";
import { redirectToStartedQuestion } from "~/answering/answer-slots.server";
import { practiseStory, questionsToPractise } from "~/stories/practise-story.server";
import { requireStory } from "~/stories/stories.server";
import { intentForm } from "~/utils/intent-form.server";
import { parseSubmission } from "~/utils/submission.server";
import { StoryBreadcrumb } from "~/components/story-breadcrumb";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const story = requireStory(user.id, params.storyId);
  return {
    story: { id: story.id, title: story.title },
    questions: questionsToPractise(user.id, story).map((f) => ({
      id: f.question.id,
      title: f.question.title,
      reason: f.reason,
    })),
  };
}

/** POST /stories/:storyId/practise — a round of the behavioural questions the story fits best. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const story = requireStory(user.id, params.storyId);
  const submission = parseSubmission(await request.formData(), { schema: intentForm("practise") });
  if (submission.status !== "success")
    return data(submission.reply({ formErrors: ["Unknown action."] }), { status: 400 });
  const round = practiseStory(user.id, story);
  if (!round) {
    const noFit =
      "No behavioural question in the bank fits this story yet. Add the competencies and skills it shows.";
    return data(submission.reply({ formErrors: [noFit] }), { status: 400 });
  }
  throw redirectToStartedQuestion(round.id);
}

export default function PractiseStoryPage() {
  const { story, questions } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form] = useForm({ id: "practise-story", lastResult });
  return (
    <section className="narrow">
      <StoryBreadcrumb story={story} />
      <h1>Practise this story</h1>
      {questions.length === 0 ? (
        <p className="muted">
          No behavioural question in the bank fits this story yet.{" "}
          <Link to={`/stories/${story.id}/edit`}>Add the competencies and skills it shows</Link>.
        </p>
      ) : (
        <>
          <p>A timed round of the questions it fits best, to retell it on the clock:</p>
          <ol>
            {questions.map((q) => (
              <li key={q.id}>
                {q.title} <span className="hint">— {q.reason}</span>
              </li>
            ))}
          </ol>
        </>
      )}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <button
          type="submit"
          name="intent"
          value="practise"
          disabled={busy || questions.length === 0}
        >
          Start the round
        </button>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Practise a story · Rehearse" }];
