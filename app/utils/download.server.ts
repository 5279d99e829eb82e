/**
 * A file the browser saves rather than shows (an export of the user's own data): never stored by a
 * cache on the way, since it is one user's.
 */
export function download(body: string, file: { name: string; type: string }): Response {
  return new Response(body, {
    headers: {
      "Content-Type": file.type,
      "Content-Disposition": `attachment; filename="${file.name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
