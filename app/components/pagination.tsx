import { Link } from "@remix-run/react";

/** Newer / older links for a list shown newest first; plain links, so it works without JavaScript. */
export function Pagination({
  page,
  pages,
  href,
  noun,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  /** What is listed, for the link names: "rounds" → "Newer rounds", "Older rounds". */
  noun: string;
}) {
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 ? <Link to={href(Math.min(page - 1, pages))}>Newer {noun}</Link> : <span />}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? <Link to={href(page + 1)}>Older {noun}</Link> : <span />}
    </nav>
  );
}
