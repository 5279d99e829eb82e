import type { CriterionChange } from "~/review/criterion-changes";
import { Score, ScoreChange } from "~/components/score";

/** Per criterion: first, previous and latest score, and how much each moved. */
export function ChangesTable({ changes }: { changes: CriterionChange[] }) {
  return (
    <table className="data-table">
      <caption className="visually-hidden">Score change per criterion</caption>
      <thead>
        <tr>
          <th scope="col">Criterion</th>
          <th scope="col">First</th>
          <th scope="col">Previous</th>
          <th scope="col">Latest</th>
          <th scope="col">Since previous</th>
          <th scope="col">Since first</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.criterionId}>
            <th scope="row">{c.name}</th>
            <td data-label="First">
              <Score value={c.first} empty="—" />
            </td>
            <td data-label="Previous">
              <Score value={c.previous} empty="—" />
            </td>
            <td data-label="Latest">
              <Score value={c.latest} empty="—" />
            </td>
            <td data-label="Since previous">
              <ScoreChange delta={c.sincePrevious} />
            </td>
            <td data-label="Since first">
              <ScoreChange delta={c.sinceFirst} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
