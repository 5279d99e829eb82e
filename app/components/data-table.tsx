import type { ReactNode } from "react";

export interface Column<Row> {
  /** The column's heading, and each cell's label when the rows stack on a phone (app.css `data-label`). */
  header: string;
  cell: (row: Row) => ReactNode;
  /** Needed only when two columns share a header. */
  key?: string;
}

/**
 * The one way the app draws a table of rows: a caption for assistive technology, a row header naming
 * each row, and every other cell labelled with its column's heading, so stacked rows on a narrow screen
 * still say what each value is (the labels were written by hand per table, and one table had none).
 */
export function DataTable<Row>({
  caption,
  rows,
  rowKey,
  rowHeader,
  columns,
  className,
}: {
  caption: string;
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  rowHeader: Column<Row>;
  columns: readonly Column<Row>[];
  className?: string;
}) {
  return (
    <table className={className ? `data-table ${className}` : "data-table"}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {[rowHeader, ...columns].map((c) => (
            <th scope="col" key={c.key ?? c.header}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            <th scope="row">{rowHeader.cell(row)}</th>
            {columns.map((c) => (
              <td key={c.key ?? c.header} data-label={c.header}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
