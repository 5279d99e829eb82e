import { readFileSync } from "node:fs";
import { get, type IncomingHttpHeaders } from "node:http";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, inject, test } from "vitest";

// The build `npm run build` makes carries a brotli and a gzip copy of each script and stylesheet
// (scripts/compress-assets.ts); the server sends the copy the browser accepts as it is.
const baseURL = inject("baseURL");
const assets = path.join(inject("buildDir"), "public", "build");
/** The build's file behind an asset URL (/build/… is served from public/build). */
const fileOf = (url: string) => path.join(assets, url.replace(/^\/build\//, ""));

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as sent: still compressed (fetch would decode them). */
  body: Buffer;
}

function getRaw(urlPath: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    get(`${baseURL}${urlPath}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode!,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
      response.on("error", reject);
    }).on("error", reject);
  });
}

/** The page's stylesheet and its largest script (React DOM and the router), as the login page links them. */
async function pageAssets(): Promise<{ script: string; stylesheet: string }> {
  const html = await (await fetch(`${baseURL}/login`)).text();
  const scripts = [...html.matchAll(/href="(\/build\/[\w./$-]+\.js)"/g)].map((m) => m[1]!);
  const stylesheet = /href="(\/build\/[\w./-]+\.css)"/.exec(html)?.[1];
  expect(scripts.length).toBeGreaterThan(3);
  expect(stylesheet).toBeDefined();
  const size = (url: string) => readFileSync(fileOf(url)).length;
  const script = scripts.reduce((a, b) => (size(a) >= size(b) ? a : b));
  return { script, stylesheet: stylesheet! };
}

const BROWSER = "gzip, deflate, br, zstd";

describe("scripts and stylesheets are sent as compressed at build time", () => {
  test("brotli to a browser that accepts it, the copy's bytes as they are, cached for a year", async () => {
    const { script, stylesheet } = await pageAssets();
    for (const [url, type] of [
      [script, /^text\/javascript|^application\/javascript/],
      [stylesheet, /^text\/css/],
    ] as const) {
      const file = fileOf(url);
      const original = readFileSync(file);
      const response = await getRaw(url, { "Accept-Encoding": BROWSER });
      expect(response.status).toBe(200);
      expect(response.headers["content-encoding"]).toBe("br");
      expect(response.headers["content-type"]).toMatch(type);
      expect(response.headers.vary).toMatch(/Accept-Encoding/i);
      expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      // The build's copy, not a compression made for this request (that one is chunked, with no length).
      expect(response.body.equals(readFileSync(`${file}.br`))).toBe(true);
      expect(Number(response.headers["content-length"])).toBe(response.body.length);
      expect(brotliDecompressSync(response.body).equals(original)).toBe(true);
      expect(response.body.length).toBeLessThan(original.length / 2.5);
    }
  });

  test("gzip to a client that accepts only gzip; the file itself to one that accepts neither", async () => {
    const { script } = await pageAssets();
    const file = fileOf(script);
    const gzipped = await getRaw(script, { "Accept-Encoding": "gzip" });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.body.equals(readFileSync(`${file}.gz`))).toBe(true);
    expect(gunzipSync(gzipped.body).equals(readFileSync(file))).toBe(true);

    for (const headers of [
      {} as Record<string, string>,
      { "Accept-Encoding": "identity" },
      { "Accept-Encoding": "br;q=0, gzip;q=0" },
    ]) {
      const plain = await getRaw(script, headers);
      expect(plain.status).toBe(200);
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.body.equals(readFileSync(file))).toBe(true);
    }
  });

  test("each encoding has its own validator, and a revalidation answers 304", async () => {
    const { script } = await pageAssets();
    const br = await getRaw(script, { "Accept-Encoding": BROWSER });
    const plain = await getRaw(script, {});
    expect(br.headers.etag).toBeDefined();
    expect(br.headers.etag).not.toBe(plain.headers.etag);
    const again = await getRaw(script, {
      "Accept-Encoding": BROWSER,
      "If-None-Match": br.headers.etag!,
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  test("a missing, malformed or traversing asset path is refused, never a page", async () => {
    for (const [url, status] of [
      ["/build/no-such-file-ABCDEFGH.js", 404],
      ["/build/_shared/no-such-chunk-ABCDEFGH.js", 404],
      ["/build/%E0%A4%A.js", 400],
      ["/build/..%2F..%2Fserver.js", 404],
    ] as const) {
      const response = await getRaw(url, { "Accept-Encoding": BROWSER });
      expect(response.status, url).toBe(status);
      expect(response.body.toString("utf8")).not.toMatch(/<html|<!DOCTYPE|import /i);
    }
  });
});
