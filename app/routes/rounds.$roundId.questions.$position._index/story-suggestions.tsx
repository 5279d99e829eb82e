import { Link, useFetcher } from "@remix-run/react";
import type { StorySuggestions as Suggestions } from "~/stories/suggestions.server";
import type { SubmissionResult } from "@conform-to/react";
import { ErrorList } from "~/components/form-errors";

type LinkResult =
  { storyLinked: { storyId: string; telling: boolean } } | SubmissionResult<string[]>;

/**
 * Before answering a behavioural question: the user's stories that fit it
 * best, how often each has been told, and "I'm telling this story". The
 * buttons post through a fetcher, so the answer being typed stays on the page.
 */
export function StorySuggestions({ stories }: { stories: Suggestions }) {
  const { suggestions, others, storyCount } = stories;
  return (
    <section className="story-suggestions" aria-labelledby="story-suggestions">
      <h2 id="story-suggestions">Stories that fit</h2>
      {suggestions.length === 0 ? (
        <p className="muted">
          {storyCount === 0 ? (
            <>
              Your <Link to="/stories">story bank</Link> is empty. Once this answer is graded you
              can save it as a story.
            </>
          ) : (
            <>
              None of your stories fits this question yet.{" "}
              <Link to="/stories/matrix">See which competencies need one</Link>.
            </>
          )}
        </p>
      ) : (
        <ol className="story-suggestion-list">
          {suggestions.map((s) => (
            <li key={s.storyId}>
              <p>
                <Link to={`/stories/${s.storyId}`}>
                  <strong>{s.title}</strong>
                </Link>{" "}
                {s.overused ? <span className="badge">Overused lately</span> : null}
              </p>
              <p className="hint">
                {s.reason}. Told in {s.uses} {s.uses === 1 ? "answer" : "answers"}
                {s.overused
                  ? "; pick another story if one fits, so interviewers hear your range"
                  : ""}
                .
              </p>
              <TellButton storyId={s.storyId} title={s.title} telling={s.telling} />
            </li>
          ))}
        </ol>
      )}
      {others.length > 0 ? (
        <ul className="story-suggestion-list">
          {others.map((s) => (
            <li key={s.storyId}>
              <Link to={`/stories/${s.storyId}`}>{s.title}</Link>
              <TellButton storyId={s.storyId} title={s.title} telling />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function TellButton({
  storyId,
  title,
  telling,
}: {
  storyId: string;
  title: string;
  telling: boolean;
}) {
  const fetcher = useFetcher<LinkResult>({ key: `tell-${storyId}` });
  const pending = fetcher.state !== "idle";
  const errors = fetcher.data && !("storyLinked" in fetcher.data) ? fetcher.data.error?.[""] : null;
  return (
    <fetcher.Form method="post" className="tell-story">
      <input type="hidden" name="storyId" value={storyId} />
      {telling ? (
        <>
          <span role="status">You are telling “{title}” in this answer.</span>{" "}
          <button
            type="submit"
            name="intent"
            value="untell-story"
            className="link-button"
            disabled={pending}
          >
            Not telling it after all
          </button>
        </>
      ) : (
        <button
          type="submit"
          name="intent"
          value="tell-story"
          disabled={pending}
          aria-label={`I'm telling this story: ${title}`}
        >
          I&apos;m telling this story
        </button>
      )}
      <ErrorList errors={errors} />
    </fetcher.Form>
  );
}
