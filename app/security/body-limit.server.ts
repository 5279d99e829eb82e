import { getEnv } from "~/env.server";
import { PACK_BYTES_MAX } from "~/packs/pack-limits";

/**
 * How many bytes a request body may have, by path. server.js applies it to
 * every request before any of it is parsed: a Content-Length over the limit
 * is refused at once, a chunked body is counted as it streams in and cut off
 * at the limit, both with 413. See docs/decisions/008-security.md.
 *
 * Forms get FORM_BODY_MAX_BYTES (default 256 KB): the largest legitimate form,
 * a story of four 4,000-character parts or a custom question, is well under
 * 100 KB even when every character is a percent-encoded three-byte one. The
 * pack upload gets its file limit plus room for the multipart envelope.
 */

/** Multipart boundaries and part headers around the pack file. */
const UPLOAD_ENVELOPE_BYTES = 16 * 1024;

const UPLOAD_PATHS = new Set(["/questions/import"]);

/** A spoken answer's audio (app/voice/recording-route.server.ts): RECORDING_MAX_BYTES and a multipart envelope. */
const RECORDING_PATH = /^\/rounds\/[^/]+\/questions\/\d+\/recording$/;

export function bodyLimitFor(pathname: string): number {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  if (UPLOAD_PATHS.has(path)) return PACK_BYTES_MAX + UPLOAD_ENVELOPE_BYTES;
  if (RECORDING_PATH.test(path)) return getEnv().RECORDING_MAX_BYTES + UPLOAD_ENVELOPE_BYTES;
  return getEnv().FORM_BODY_MAX_BYTES;
}

/** The short plain-text answer to an oversized body: never any of what was sent. */
export function bodyTooLargeMessage(limit: number): string {
  return `Request too large: at most ${Math.floor(limit / 1024)} KB may be sent here.\n`;
}
