import { request } from "node:http";
import { readFileSync } from "node:fs";

/**
 * A POST that streams `totalBytes` of body in chunks (with a Content-Length, or
 * chunked), stopping as soon as the server answers or drops the connection:
 * how an attacker's oversized upload looks, and how to see where the server cut it off.
 */
export async function streamPost(
  url: string,
  options: {
    headers?: Record<string, string>;
    totalBytes: number;
    chunked?: boolean;
    /** The chunks to send, in order, repeated; a string of "a"s by default. */
    chunk?: (index: number) => Buffer;
    prefix?: Buffer;
    suffix?: Buffer;
  },
): Promise<{ status: number | null; body: string; sent: number; error: string | null }> {
  const { totalBytes, chunked = false } = options;
  const filler = Buffer.alloc(256 * 1024, "a");
  const headers: Record<string, string> = { ...options.headers };
  if (!chunked) headers["Content-Length"] = String(totalBytes);
  return new Promise((resolve) => {
    let status: number | null = null;
    let body = "";
    let sent = 0;
    let done = false;
    let answered = false;
    const finish = (error: string | null) => {
      if (done) return;
      done = true;
      resolve({ status, body, sent, error });
    };
    const req = request(url, { method: "POST", headers });
    req.on("response", (res) => {
      answered = true;
      status = res.statusCode ?? null;
      res.setEncoding("utf8");
      res.on("data", (piece: string) => {
        if (body.length < 1_000_000) body += piece;
      });
      res.on("end", () => finish(null));
      res.on("error", () => finish(null));
    });
    req.on("error", (error) =>
      answered ? setTimeout(() => finish(null), 200) : finish(error.message),
    );
    const pump = () => {
      while (!answered && sent < totalBytes) {
        let piece =
          sent === 0 && options.prefix
            ? options.prefix
            : options.chunk
              ? options.chunk(sent)
              : filler;
        if (sent + piece.length > totalBytes) piece = piece.subarray(0, totalBytes - sent);
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      if (!answered) {
        if (options.suffix) req.write(options.suffix);
        req.end();
      }
    };
    pump();
  });
}

/** The resident set size of a process, in bytes (Linux). */
export function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) * 1024;
}
