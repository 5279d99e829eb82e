import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import remixConfig from "../remix.config.js";

/**
 * Part of `npm run build`: writes a brotli (quality 11) and a gzip (level 9)
 * copy beside each script and stylesheet of the client build. The server sends
 * those as they are (server.js, express-static-gzip) instead of compressing
 * every request at the quick, weaker level a live response can afford: the
 * practice page's framework chunk goes over the wire as 72 KB, not 85 KB, and
 * no request for a file costs the server a compression. Decision 014.
 */

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Names end in a content hash, so a copy can never be stale. */
const COMPRESSIBLE = /\.(js|css)$/;

async function filesBelow(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true });
  return names.filter((name) => COMPRESSIBLE.test(name)).map((name) => path.join(dir, name));
}

/** Compressed copies of every script and stylesheet below `dir`; returns how many files it wrote. */
export async function compressAssets(dir: string): Promise<number> {
  const files = await filesBelow(dir);
  const written = await Promise.all(
    files.map(async (file) => {
      const source = await readFile(file);
      const copies = await Promise.all([
        brotli(source, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
          },
        }).then((bytes) => ({ suffix: ".br", bytes })),
        gzipAsync(source, { level: constants.Z_BEST_COMPRESSION }).then((bytes) => ({
          suffix: ".gz",
          bytes,
        })),
      ]);
      // A copy no smaller than the file (Remix's 100-byte empty modules) would only cost a lookup.
      const worth = copies.filter((copy) => copy.bytes.length < source.length);
      await Promise.all(worth.map((copy) => writeFile(file + copy.suffix, copy.bytes)));
      return worth.length;
    }),
  );
  return written.reduce((sum, n) => sum + n, 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = path.resolve(remixConfig.assetsBuildDirectory ?? "public/build");
  const count = await compressAssets(dir);
  console.log(
    `Compressed copies written: ${count} (brotli and gzip) in ${path.relative(".", dir)}`,
  );
}
