import type { HistoryFilters } from "./history-filters";

// Apart from the filters' schema, so the history page's links do not ship zod to the browser.

/** The query string for the same filters on another page (page 1 is left out). */
export function historyHref(filters: HistoryFilters, page: number): string {
  const params = new URLSearchParams();
  if (filters.skill) params.set("skill", filters.skill);
  if (filters.kind) params.set("kind", filters.kind);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/history?${query}` : "/history";
}
