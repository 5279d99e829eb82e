// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { DataTable } from "./data-table";

const rows = [
  { id: "a", name: "Alpha", score: 3 },
  { id: "b", name: "Beta", score: 5 },
];

afterEach(cleanup);

describe("DataTable", () => {
  it("names each row by its header cell and labels every other cell with its column's heading", () => {
    render(
      <DataTable
        caption="Scores per thing"
        rows={rows}
        rowKey={(r) => r.id}
        rowHeader={{ header: "Thing", cell: (r) => r.name }}
        columns={[
          { header: "Score", cell: (r) => r.score },
          { header: "Twice", cell: (r) => r.score * 2 },
        ]}
      />,
    );
    const table = screen.getByRole("table", { name: "Scores per thing" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Thing", "Score", "Twice"]);
    const beta = within(table).getByRole("rowheader", { name: "Beta" }).closest("tr")!;
    const cells = within(beta).getAllByRole("cell");
    expect(cells.map((c) => [c.dataset.label, c.textContent])).toEqual([
      ["Score", "5"],
      ["Twice", "10"],
    ]);
  });

  it("draws the header row alone when there are no rows", () => {
    render(
      <DataTable
        caption="Nothing yet"
        rows={[] as typeof rows}
        rowKey={(r) => r.id}
        rowHeader={{ header: "Thing", cell: (r) => r.name }}
        columns={[{ header: "Score", cell: (r) => r.score }]}
      />,
    );
    expect(screen.queryAllByRole("rowheader")).toHaveLength(0);
    expect(screen.getAllByRole("columnheader")).toHaveLength(2);
  });
});
