import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";

/** The one error view every route uses: a clear message for 4xx, a generic one for crashes. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const message = typeof error.data === "string" && error.data ? error.data : error.statusText;
    return (
      <section className="error-page">
        <h1>{error.status === 404 ? "Not found" : `Error ${error.status}`}</h1>
        <p>{message}</p>
        <p>
          <Link to="/">Back to the start</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="error-page">
      <h1>Something went wrong</h1>
      <p>Your saved answers are safe. Reload the page or go back to the start.</p>
      <p>
        <Link to="/">Back to the start</Link>
      </p>
    </section>
  );
}
