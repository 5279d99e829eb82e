/**
 * Which audio containers a recording may be, told apart by their first bytes
 * (a declared Content-Type alone proves nothing). Browsers' MediaRecorder
 * writes WebM (Chromium, Firefox), Ogg (Firefox) or MP4 (Safari); WAV and MP3
 * are what a person might upload from elsewhere.
 */

export const AUDIO_FORMATS = {
  webm: { mimeType: "audio/webm", extension: "webm" },
  ogg: { mimeType: "audio/ogg", extension: "ogg" },
  wav: { mimeType: "audio/wav", extension: "wav" },
  mp4: { mimeType: "audio/mp4", extension: "m4a" },
  mpeg: { mimeType: "audio/mpeg", extension: "mp3" },
} as const;

export type AudioFormat = keyof typeof AUDIO_FORMATS;

const DECLARED: Record<string, AudioFormat> = {
  "audio/webm": "webm",
  "video/webm": "webm",
  "audio/ogg": "ogg",
  "application/ogg": "ogg",
  "audio/opus": "ogg",
  "audio/wav": "wav",
  "audio/wave": "wav",
  "audio/x-wav": "wav",
  "audio/vnd.wave": "wav",
  "audio/mp4": "mp4",
  "audio/m4a": "mp4",
  "audio/x-m4a": "mp4",
  "video/mp4": "mp4",
  "audio/mpeg": "mpeg",
  "audio/mp3": "mpeg",
};

/** The format a Content-Type names (parameters such as `codecs=opus` ignored), or null when it is not audio we take. */
export function declaredFormat(contentType: string | null | undefined): AudioFormat | null {
  const essence = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return DECLARED[essence] ?? null;
}

const ascii = (bytes: Uint8Array, from: number, text: string) =>
  bytes.length >= from + text.length && [...text].every((c, i) => bytes[from + i] === c.charCodeAt(0));

/** The container the bytes are, by their magic numbers; null for anything else (a text file, an image, noise). */
export function sniffFormat(bytes: Uint8Array): AudioFormat | null {
  if (bytes.length >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return "webm";
  if (ascii(bytes, 0, "OggS")) return "ogg";
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WAVE")) return "wav";
  if (ascii(bytes, 4, "ftyp")) return "mp4";
  if (ascii(bytes, 0, "ID3")) return "mpeg";
  // An MPEG audio frame header: 11 sync bits, a version that exists, and a layer that is not "reserved".
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0 && (bytes[1]! & 0x18) !== 0x08 && (bytes[1]! & 0x06) !== 0) {
    return "mpeg";
  }
  return null;
}

/**
 * The stored Content-Type: the sniffed container's, keeping a `codecs`
 * parameter from the declared type when both name the same container.
 */
export function storedMimeType(format: AudioFormat, declared: string | null | undefined): string {
  const base = AUDIO_FORMATS[format].mimeType;
  const codecs = declared?.match(/;\s*codecs="?([\w.,\s-]{1,40})"?/i)?.[1]?.trim();
  return codecs && declaredFormat(declared) === format ? `${base};codecs=${codecs}` : base;
}

/** A WAV file's length from its header (data size over byte rate), or null if the header does not say. */
export function wavDurationSeconds(bytes: Uint8Array): number | null {
  if (sniffFormat(bytes) !== "wav") return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let byteRate = 0;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const size = view.getUint32(at + 4, true);
    if (ascii(bytes, at, "fmt ") && at + 16 <= bytes.length) byteRate = view.getUint32(at + 16, true);
    // A streamed WAV may declare its data as 0xFFFFFFFF bytes: what was sent is what counts.
    if (ascii(bytes, at, "data")) return byteRate > 0 ? Math.min(size, bytes.length - at - 8) / byteRate : null;
    at += 8 + size + (size % 2);
  }
  return null;
}
