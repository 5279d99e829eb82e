import type { StoryFlag } from "~/stories/quality-flags";

/** What an interviewer would push back on in a story, each with how to fix it. */
export function StoryFlags({ flags, headingId }: { flags: StoryFlag[]; headingId: string }) {
  return (
    <section aria-labelledby={headingId} className="story-flags">
      <h2 id={headingId}>Quality checks</h2>
      {flags.length === 0 ? (
        <p className="muted">
          No problems found: every part is written, the result has a number, and the action is
          yours.
        </p>
      ) : (
        <ul>
          {flags.map((flag) => (
            <li key={flag.id} className="flag">
              {flag.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
