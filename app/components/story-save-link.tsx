import { Link } from "@remix-run/react";

/** On a graded behavioural answer: start a story from it, its STAR parts pre-filled from the answer. */
export function SaveAsStoryLink({ answerId, context }: { answerId: string; context?: string }) {
  return (
    <p className="story-save">
      <Link className="button-link" to={`/stories/new?answer=${encodeURIComponent(answerId)}`}>
        Save as story
        {context ? <span className="visually-hidden"> ({context})</span> : null}
      </Link>{" "}
      <span className="hint">Keep it in your story bank, to retell and reuse.</span>
    </p>
  );
}
