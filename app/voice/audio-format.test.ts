import { describe, expect, test } from "vitest";
import { declaredFormat, sniffFormat, storedMimeType, wavDurationSeconds } from "./audio-format";
import { parseByteRange } from "./byte-range";

const bytes = (...values: (number | string)[]) =>
  new Uint8Array(values.flatMap((v) => (typeof v === "string" ? [...v].map((c) => c.charCodeAt(0)) : [v])));

describe("sniffFormat", () => {
  test.each([
    ["WebM (EBML)", bytes(0x1a, 0x45, 0xdf, 0xa3, 0x9f), "webm"],
    ["Ogg", bytes("OggS", 0, 2), "ogg"],
    ["WAV", bytes("RIFF", 0, 0, 0, 0, "WAVE", "fmt "), "wav"],
    ["MP4 (ftyp at offset 4)", bytes(0, 0, 0, 0x20, "ftypM4A "), "mp4"],
    ["MP3 with an ID3 tag", bytes("ID3", 4, 0), "mpeg"],
    ["MP3 frame sync (MPEG-1 layer III)", bytes(0xff, 0xfb, 0x90, 0x64), "mpeg"],
  ] as const)("%s", (_label, audio, format) => {
    expect(sniffFormat(audio)).toBe(format);
  });

  test.each([
    ["text", bytes("hello, world")],
    ["PNG", bytes(0x89, "PNG", 0x0d, 0x0a)],
    ["RIFF that is not WAVE (AVI)", bytes("RIFF", 0, 0, 0, 0, "AVI ")],
    ["a sync word with the reserved layer", bytes(0xff, 0xf9)],
    ["nothing", bytes()],
  ] as const)("refuses %s", (_label, data) => {
    expect(sniffFormat(data)).toBeNull();
  });
});

test("declaredFormat reads the essence of a Content-Type and takes only audio", () => {
  expect(declaredFormat("audio/webm;codecs=opus")).toBe("webm");
  expect(declaredFormat("Audio/Ogg; codecs=opus")).toBe("ogg");
  expect(declaredFormat("audio/x-wav")).toBe("wav");
  expect(declaredFormat("audio/mp4")).toBe("mp4");
  expect(declaredFormat("audio/mpeg")).toBe("mpeg");
  expect(declaredFormat("text/plain")).toBeNull();
  expect(declaredFormat("")).toBeNull();
  expect(declaredFormat(null)).toBeNull();
});

test("storedMimeType keeps the codecs only when the declared container is the sniffed one", () => {
  expect(storedMimeType("webm", "audio/webm;codecs=opus")).toBe("audio/webm;codecs=opus");
  expect(storedMimeType("webm", "video/webm; codecs=\"opus\"")).toBe("audio/webm;codecs=opus");
  expect(storedMimeType("wav", "audio/wav")).toBe("audio/wav");
  expect(storedMimeType("ogg", "audio/webm;codecs=opus")).toBe("audio/ogg");
  expect(storedMimeType("webm", "audio/webm;codecs=<script>")).toBe("audio/webm");
});

test("wavDurationSeconds: data size over byte rate, bounded by what was sent", () => {
  const header = (dataBytes: number, sent: number) => {
    const buffer = new ArrayBuffer(44 + sent);
    const view = new DataView(buffer);
    const text = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
    text(0, "RIFF");
    text(8, "WAVE");
    text(12, "fmt ");
    view.setUint32(16, 16, true);
    view.setUint32(28, 32_000, true);
    text(36, "data");
    view.setUint32(40, dataBytes, true);
    return new Uint8Array(buffer);
  };
  expect(wavDurationSeconds(header(64_000, 64_000))).toBe(2);
  expect(wavDurationSeconds(header(0xffffffff, 32_000))).toBe(1);
  expect(wavDurationSeconds(bytes(0x1a, 0x45, 0xdf, 0xa3))).toBeNull();
});

describe("parseByteRange", () => {
  test.each([
    ["bytes=0-", { start: 0, end: 999 }],
    ["bytes=100-199", { start: 100, end: 199 }],
    ["bytes=900-5000", { start: 900, end: 999 }],
    ["bytes=-100", { start: 900, end: 999 }],
    ["bytes=-5000", { start: 0, end: 999 }],
    ["bytes=1000-", "unsatisfiable"],
    ["bytes=-0", "unsatisfiable"],
    ["bytes=0-1,5-6", null],
    ["items=0-1", null],
    ["bytes=5-1", null],
    [null, null],
  ] as const)("%s of 1000 bytes", (header, expected) => {
    expect(parseByteRange(header, 1000)).toEqual(expected);
  });
});
