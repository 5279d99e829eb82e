import type { SeriesSummary } from "~/review/progress-series";
import { DataTable } from "~/components/data-table";
import { Score, ScoreChange } from "~/components/score";

const COLUMNS = [
  { header: "Recently", cell: (s: SeriesSummary) => <Score value={s.recent} /> },
  { header: "All time", cell: (s: SeriesSummary) => <Score value={s.average} /> },
  { header: "Change", cell: (s: SeriesSummary) => <ScoreChange delta={s.change} /> },
  { header: "Attempts", cell: (s: SeriesSummary) => s.attempts },
];

/** Every series in one table, in the order given (weakest first). */
export function SeriesOverview({
  caption,
  label,
  series,
}: {
  caption: string;
  label: string;
  series: SeriesSummary[];
}) {
  return (
    <DataTable
      caption={caption}
      rows={series}
      rowKey={(s) => s.key}
      rowHeader={{ header: label, cell: (s) => s.name }}
      columns={COLUMNS}
    />
  );
}
