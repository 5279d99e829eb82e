import type { CriterionChange } from "~/review/criterion-changes";
import { DataTable, type Column } from "~/components/data-table";
import { Score, ScoreChange } from "~/components/score";

const score = (
  header: string,
  pick: (c: CriterionChange) => number | null,
): Column<CriterionChange> => ({
  header,
  cell: (c) => <Score value={pick(c)} empty="—" />,
});
const change = (
  header: string,
  pick: (c: CriterionChange) => number | null,
): Column<CriterionChange> => ({
  header,
  cell: (c) => <ScoreChange delta={pick(c)} />,
});

const COLUMNS = [
  score("First", (c) => c.first),
  score("Previous", (c) => c.previous),
  score("Latest", (c) => c.latest),
  change("Since previous", (c) => c.sincePrevious),
  change("Since first", (c) => c.sinceFirst),
];

/** Per criterion: first, previous and latest score, and how much each moved. */
export function ChangesTable({ changes }: { changes: CriterionChange[] }) {
  return (
    <DataTable
      caption="Score change per criterion"
      rows={changes}
      rowKey={(c) => c.criterionId}
      rowHeader={{ header: "Criterion", cell: (c) => c.name }}
      columns={COLUMNS}
    />
  );
}
