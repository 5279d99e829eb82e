import { Link } from "@remix-run/react";
import type { CoverageRow } from "~/stories/coverage";

/** Competencies down, stories across: a mark where a story shows the competency; each gap names a question to practise it. */
export function StoryMatrix({
  rows,
  stories,
}: {
  rows: CoverageRow[];
  stories: Array<{ id: string; title: string }>;
}) {
  return (
    <div className="table-scroll">
      <table className="data-table story-matrix">
        <caption className="visually-hidden">Competencies covered by each story</caption>
        <thead>
          <tr>
            <th scope="col">Competency</th>
            {stories.map((s) => (
              <th scope="col" key={s.id}>
                <Link to={`/stories/${s.id}`}>{s.title}</Link>
              </th>
            ))}
            <th scope="col">Coverage</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.competency}
              className={row.storyIds.length === 0 ? "story-gap" : undefined}
            >
              <th scope="row">
                {row.competency}
                {row.standard ? null : <span className="hint"> (your own)</span>}
              </th>
              {stories.map((s) => (
                <td key={s.id} className="story-cell">
                  {row.storyIds.includes(s.id) ? (
                    <>
                      <span aria-hidden="true">✓</span>
                      <span className="visually-hidden">covered</span>
                    </>
                  ) : (
                    <span className="visually-hidden">not covered</span>
                  )}
                </td>
              ))}
              <td>
                {row.storyIds.length > 0 ? (
                  `${row.storyIds.length} ${row.storyIds.length === 1 ? "story" : "stories"}`
                ) : (
                  <>
                    <strong>No story yet.</strong>{" "}
                    {row.practice ? (
                      <>
                        Practise it with{" "}
                        <Link to={`/questions/${row.practice.id}`}>{row.practice.title}</Link>
                      </>
                    ) : (
                      <span className="muted">No question in the bank exercises this yet.</span>
                    )}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
