/**
 * One HTTP byte range (RFC 9110 §14.1.2) of a resource of `size` bytes, as
 * <audio> asks for it to seek: `bytes=0-`, `bytes=500-999`, `bytes=-500`.
 * Null: no Range header, or one we serve whole (several ranges, another unit).
 * "unsatisfiable": a range that starts past the end (416).
 */
export function parseByteRange(
  header: string | null,
  size: number,
): { start: number; end: number } | "unsatisfiable" | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, from = "", to = ""] = match;
  if (from === "" && to === "") return null;
  if (from === "") {
    const suffix = Number(to);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size) return "unsatisfiable";
  if (end < start) return null;
  return { start, end };
}
