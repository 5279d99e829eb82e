import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { Score } from "~/components/score";
import { StoryFlags } from "./story-flags";
import { storyFlags } from "~/stories/quality-flags";
import { requireStory } from "~/stories/stories.server";
import { answersOfStory, usageOfStories } from "~/stories/story-answers.server";
import { STAR_FIELDS, STAR_HEADINGS } from "~/stories/story-limits";
import { questionsToPractise } from "~/stories/practise-story.server";
import { UNUSED } from "~/stories/story-usage";
import { skillList } from "~/question-bank/skill-label";
import { useDateFormat } from "~/dates/use-date-format";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const story = requireStory(user.id, params.storyId);
  return {
    story,
    flags: storyFlags(story),
    usage: usageOfStories(user.id).get(story.id) ?? UNUSED,
    answers: answersOfStory(user.id, story.id),
    fits: questionsToPractise(user.id, story).map((f) => ({
      id: f.question.id,
      title: f.question.title,
      reason: f.reason,
    })),
  };
}

export default function StoryPage() {
  const dates = useDateFormat();
  const { story, flags, usage, answers, fits } = useLoaderData<typeof loader>();
  return (
    <article className="story">
      <p className="breadcrumb">
        <Link to="/stories">Story bank</Link> · edited {dates.dateTime(story.updatedAt)}
      </p>
      <h1>{story.title}</h1>
      <p className="actions report-actions">
        <Link className="button-link" to={`/stories/${story.id}/edit`}>
          Edit story
        </Link>
        <Link to={`/stories/${story.id}/delete`}>Delete story</Link>
      </p>
      <dl className="facts">
        <dt>Competencies</dt>
        <dd>
          {story.competencies.length > 0 ? (
            story.competencies.join(", ")
          ) : (
            <span className="muted">None yet</span>
          )}
        </dd>
        <dt>Skills</dt>
        <dd>
          {story.skills.length > 0 ? (
            skillList(story.skills)
          ) : (
            <span className="muted">None yet</span>
          )}
        </dd>
        <dt>Metric</dt>
        <dd>{story.metric || <span className="muted">None yet</span>}</dd>
        <dt>Told in</dt>
        <dd>
          {usage.uses} {usage.uses === 1 ? "answer" : "answers"}
          {usage.overused ? (
            <>
              {" "}
              <span className="badge">Overused lately</span>
            </>
          ) : null}
        </dd>
      </dl>
      {STAR_FIELDS.map((part) => (
        <section key={part} aria-labelledby={`story-${part}`}>
          <h2 id={`story-${part}`}>{STAR_HEADINGS[part]}</h2>
          {story[part] ? (
            <div className="answer-text">{story[part]}</div>
          ) : (
            <p className="muted">Not written yet.</p>
          )}
        </section>
      ))}
      <StoryFlags flags={flags} headingId="story-flags" />
      <section aria-labelledby="story-fits">
        <h2 id="story-fits">Questions it answers</h2>
        {fits.length === 0 ? (
          <p className="muted">
            No behavioural question in the bank fits this story yet. Add the competencies and skills
            it shows.
          </p>
        ) : (
          <>
            <ul>
              {fits.map((q) => (
                <li key={q.id}>
                  <Link to={`/questions/${q.id}`}>{q.title}</Link>{" "}
                  <span className="hint">— {q.reason}</span>
                </li>
              ))}
            </ul>
            <Form method="post" action={`/stories/${story.id}/practise`}>
              <button type="submit" name="intent" value="practise">
                Practise this story
              </button>{" "}
              <span className="hint">
                A round of {fits.length === 1 ? "this question" : `these ${fits.length} questions`},
                to retell it on the clock.
              </span>
            </Form>
          </>
        )}
      </section>
      <section aria-labelledby="story-answers">
        <h2 id="story-answers">Answers that told it</h2>
        {answers.length === 0 ? (
          <p className="muted">
            Not told yet. On a behavioural question, choose “I&apos;m telling this story” before you
            answer.
          </p>
        ) : (
          <ul>
            {answers.map((a) => (
              <li key={a.answerId}>
                <Link
                  to={`/rounds/${a.roundId}/questions/${a.position}${a.slot > 0 ? `/follow-ups/${a.slot}` : ""}`}
                >
                  {a.questionTitle}
                </Link>
                , {dates.dateTime(a.startedAt)}
                {a.overall !== null ? (
                  <>
                    {" "}
                    · Overall <Score value={a.overall} />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.story.title} · Stories · Rehearse` : "Story · Rehearse" },
];
