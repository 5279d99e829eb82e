import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { PACK_BYTES_MAX } from "./pack-limits";

/** Room for the multipart boundaries and headers around the file itself. */
const ENVELOPE_BYTES = 16 * 1024;
const TOO_LARGE = `The file is larger than ${PACK_BYTES_MAX / 1024} KB; split it into smaller packs.`;

const CHOOSE_A_FILE = "Choose a pack file to import.";
const INCOMPLETE = "The upload arrived incomplete; choose the file and import it again.";
const UNREADABLE_NAME =
  'The file name could not be read; rename the file without "=" or ";" and import it again.';

export type Upload =
  { ok: true; name: string; text: string } | { ok: false; problem: string; name: string };

/**
 * The uploaded pack file's name and text. The size is checked before the body
 * is read (Content-Length) and while it is read (the part limit), so an
 * oversized upload is never held in memory whole.
 */
export async function readUploadedPack(request: Request, field: string): Promise<Upload> {
  if (!/^multipart\/form-data;/i.test(request.headers.get("Content-Type") ?? "")) {
    return { ok: false, problem: CHOOSE_A_FILE, name: "" };
  }
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > PACK_BYTES_MAX + ENVELOPE_BYTES) {
    return { ok: false, problem: TOO_LARGE, name: "" };
  }
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: PACK_BYTES_MAX }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return { ok: false, problem: TOO_LARGE, name: "" };
    }
    // A body cut short is the client's fault (400), not a crash.
    if (error instanceof Error && /^malformed multipart/i.test(error.message)) {
      return { ok: false, problem: INCOMPLETE, name: "" };
    }
    // The multipart parser cannot read a file name holding "=" or ";".
    if (error instanceof Error && /^malformed content-disposition/i.test(error.message)) {
      return { ok: false, problem: UNREADABLE_NAME, name: "" };
    }
    throw error;
  }
  const file = formData.get(field);
  if (!(file instanceof File) || file.name === "") {
    return { ok: false, problem: CHOOSE_A_FILE, name: "" };
  }
  return { ok: true, name: file.name, text: await file.text() };
}
