import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { StoryForm } from "~/components/story-form";
import { prefillFromAnswer, requireStorySource } from "~/stories/answer-source.server";
import { createStory } from "~/stories/stories.server";
import { parseStoryForm, storyFormOptions } from "~/stories/story-form.server";
import { redirectWithNotice } from "~/utils/notice.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const options = storyFormOptions(user.id);
  const answerId = new URL(request.url).searchParams.get("answer");
  if (!answerId) return { options, values: {}, source: null };
  const source = requireStorySource(user.id, answerId);
  return {
    options,
    values: prefillFromAnswer(source),
    source: {
      questionTitle: source.question.title,
      answerText: source.answer.text,
      star: source.grade.grade.star,
      href: `/rounds/${source.roundId}/questions/${source.position}`,
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseStoryForm(await request.formData());
  if (submission.status !== "success")
    return data(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  const { answerId, ...fields } = submission.value;
  // Saved from an answer: it must still be the user's graded behavioural answer.
  const source = answerId ? requireStorySource(user.id, answerId) : null;
  const story = createStory(user.id, fields, source?.answer.id ?? null);
  throw await redirectWithNotice(`/stories/${story.id}`, {
    type: "success",
    text: "The story is saved.",
  });
}

export default function NewStoryPage() {
  const { options, values, source } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <section className="narrow">
      <p className="breadcrumb">
        <Link to="/stories">Story bank</Link>
      </p>
      <h1>{source ? "Save your answer as a story" : "Write a story"}</h1>
      {source ? (
        <>
          <p>
            The parts below were split from your answer to{" "}
            <Link to={source.href}>“{source.questionTitle}”</Link> the way the grader read it
            {source.star && source.star.missing.length > 0
              ? `; it found no ${source.star.missing.join(", ")}, so ${source.star.missing.length === 1 ? "that part is" : "those parts are"} empty`
              : ""}
            . Edit them into the story you want to retell.
          </p>
          <details>
            <summary>Your answer as you wrote it</summary>
            <div className="answer-text">{source.answerText}</div>
          </details>
        </>
      ) : (
        <p>
          Situation, task, action, result, and the number that proves it. You can leave parts empty
          and come back.
        </p>
      )}
      <StoryForm
        defaultValue={values}
        lastResult={lastResult}
        options={options}
        submitLabel="Save story"
      />
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "New story · Rehearse" }];
