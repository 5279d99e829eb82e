/** Every message about a field's value or any part of it (or, for a form's metadata, about anything in it), once each. */
export function errorsOf(meta: { allErrors: Record<string, string[]> }): string[] {
  return [...new Set(Object.values(meta.allErrors).flat())];
}

/** Errors for one field or for the whole form; announced to screen readers when they appear. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors || errors.length === 0) return null;
  return (
    // The alert role goes on a wrapper: on the <ul> itself it would hide the list from assistive technology.
    <div id={id} role="alert">
      <ul className="form-errors">
        {errors.map((error) => (
          <li key={error}>{error}</li>
        ))}
      </ul>
    </div>
  );
}
