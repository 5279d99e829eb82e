import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { z } from "zod";
import remixConfig from "../remix.config.js";
import { buildApp } from "../tests/utils/production-server";
import type { BenchSection } from "./run";
import { formatTable } from "./stats";

/**
 * The JavaScript the practice (answer) page makes the browser download on a
 * first visit, gzipped: the client entry, the root route and the answer route,
 * with every chunk they import, followed to the end, and the route manifest.
 * With lazy route discovery (remix.config.js) the browser never fetches the
 * manifest file: the page inlines the part of it that its URL and the URL's
 * parents match, and that part is what is counted. Routes reached later, and
 * components loaded with `lazy()` once needed, load their own chunks and are
 * not counted.
 */

export const BUNDLE_BUDGET_KB = 94;
const PRACTICE_ROUTE = "routes/rounds.$roundId.questions.$position._index";
const PRACTICE_URL = "/rounds/r/questions/1";

const manifestSchema = z.object({
  entry: z.object({ module: z.string(), imports: z.array(z.string()).default([]) }),
  routes: z.record(
    z.string(),
    z.looseObject({
      module: z.string(),
      imports: z.array(z.string()).default([]),
      parentId: z.string().optional(),
      path: z.string().optional(),
      index: z.boolean().optional(),
    }),
  ),
});
type Manifest = z.infer<typeof manifestSchema>;

/** The route's full path pattern, its parents' paths joined: "rounds/:roundId/questions/:position". */
function fullPath(manifest: Manifest, id: string): string[] {
  const segments: string[] = [];
  for (
    let at = manifest.routes[id];
    at;
    at = at.parentId ? manifest.routes[at.parentId] : undefined
  )
    segments.unshift(...(at.path ?? "").split("/").filter(Boolean));
  return segments;
}

/**
 * The manifest a page inlines under lazy route discovery (`getPartialManifest` in
 * @remix-run/react): the routes that match the URL or one of its parent paths,
 * an index or pathless route only where its path is the whole URL.
 */
function partialManifest(manifest: Manifest, url: string): Manifest {
  const segments = url.split("/").filter(Boolean);
  const prefixes = segments.map((_, i) => segments.slice(0, i + 1));
  const matches = (pattern: string[], target: string[]) =>
    pattern.length === target.length &&
    pattern.every((p, i) => p.startsWith(":") || p === target[i]);
  const routes = Object.fromEntries(
    Object.entries(manifest.routes).filter(
      ([id]) =>
        id === "root" ||
        [[], ...prefixes].some((prefix) => matches(fullPath(manifest, id), prefix)),
    ),
  );
  return { ...manifest, routes };
}

export interface ShippedFile {
  /** The URL path the browser requests, e.g. /build/_shared/chunk-X.js. */
  url: string;
  /** What the file mostly holds (from esbuild's metafile), since chunk names say nothing. */
  holds: string;
  bytes: number;
  gzipBytes: number;
}

/** Static imports of a built chunk (esbuild writes them as `from"/build/..."` or `import"/build/..."`). */
function importsOf(source: string): string[] {
  return [...source.matchAll(/(?:\bfrom|\bimport)\s*["'](\/build\/[^"']+\.js)["']/g)].map(
    (m) => m[1]!,
  );
}

const metafileSchema = z.object({
  outputs: z.record(
    z.string(),
    z.object({ inputs: z.record(z.string(), z.object({ bytesInOutput: z.number() })) }),
  ),
});

/** "zod", "react-dom, react", "app/components/answer-form.tsx + 3 more": the largest sources in each output file. */
function describeOutputs(buildDir: string): Map<string, string> {
  const metafile = metafileSchema.parse(
    JSON.parse(readFileSync(path.join(buildDir, "metafile.js.json"), "utf8")),
  );
  const described = new Map<string, string>();
  for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
    const bySource = new Map<string, number>();
    for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
      const source = pkg ?? input.replace(/^.*?(app\/)/, "$1");
      bySource.set(source, (bySource.get(source) ?? 0) + bytesInOutput);
    }
    const ranked = [...bySource.entries()]
      .filter(([, bytes]) => bytes > 0)
      .sort((a, b) => b[1] - a[1]);
    const names = ranked.slice(0, 2).map(([name]) => name);
    const more = ranked.length - names.length;
    described.set(
      `/build/${output.split(/(?:^|\/)public\/build\//)[1] ?? output}`,
      `${names.join(", ") || "esbuild runtime helpers"}${more > 0 ? ` + ${more} more` : ""}`,
    );
  }
  return described;
}

/** Every file the route needs on a first load, read from `buildDir` (a buildApp() directory). */
export function practicePageFiles(
  buildDir: string,
  routeId = PRACTICE_ROUTE,
  url = PRACTICE_URL,
): ShippedFile[] {
  const assets = path.join(buildDir, "public", "build");
  const manifestName = readdirSync(assets).find((f) => /^manifest-[\w-]+\.js$/.test(f));
  if (!manifestName) throw new Error(`No manifest in ${assets}`);
  const manifestSource = readFileSync(path.join(assets, manifestName), "utf8");
  const manifest = manifestSchema.parse(
    JSON.parse(manifestSource.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")),
  );
  const root = manifest.routes.root;
  const route = manifest.routes[routeId];
  if (!root || !route) throw new Error(`The manifest has no ${root ? routeId : "root"} route`);

  const lazyDiscovery =
    (remixConfig.future as Record<string, boolean> | undefined)?.v3_lazyRouteDiscovery === true;
  const inline = JSON.stringify(partialManifest(manifest, url), null, 2);
  const queue = [
    ...(lazyDiscovery ? [] : [`/build/${manifestName}`]),
    manifest.entry.module,
    ...manifest.entry.imports,
    root.module,
    ...root.imports,
    route.module,
    ...route.imports,
  ];
  const holds = describeOutputs(buildDir);
  const seen = new Map<string, ShippedFile>();
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    const file = readFileSync(path.join(assets, url.replace(/^\/build\//, "")));
    seen.set(url, {
      url,
      holds: holds.get(url) ?? "route manifest",
      bytes: file.length,
      gzipBytes: gzipSync(file, { level: 9 }).length,
    });
    queue.push(...importsOf(file.toString("utf8")));
  }
  const files = [...seen.values()];
  if (lazyDiscovery)
    files.push({
      url: "(inline in the page)",
      holds: "the route manifest, this URL's part",
      bytes: Buffer.byteLength(inline),
      gzipBytes: gzipSync(inline, { level: 9 }).length,
    });
  return files;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

export const bundleSection: BenchSection = {
  name: "Bundle: JavaScript the practice page ships (gzip -9)",
  run() {
    const buildDir = buildApp();
    try {
      const files = practicePageFiles(buildDir).sort((a, b) => b.gzipBytes - a.gzipBytes);
      const total = files.reduce((sum, f) => sum + f.gzipBytes, 0);
      const raw = files.reduce((sum, f) => sum + f.bytes, 0);
      const top = files.slice(0, 8);
      const table = formatTable(
        ["file", "holds", "KB", "KB gzipped"],
        [
          ...top.map((f) => [
            f.url.replace(/^\/build\//, ""),
            f.holds,
            kb(f.bytes),
            kb(f.gzipBytes),
          ]),
          ...(files.length > top.length
            ? [
                [
                  `${files.length - top.length} more files`,
                  "",
                  kb(raw - top.reduce((s, f) => s + f.bytes, 0)),
                  kb(total - top.reduce((s, f) => s + f.gzipBytes, 0)),
                ],
              ]
            : []),
          [`total (${files.length} files)`, "", kb(raw), kb(total)],
        ],
      );
      const met = total / 1024 <= BUNDLE_BUDGET_KB;
      const largest = files[0];
      const why =
        met || !largest
          ? ""
          : ` The largest file holds ${largest.holds} (${kb(largest.gzipBytes)} KB gzipped).`;
      return `${table}\n\nThe practice page ships ${kb(total)} KB of gzipped JavaScript (budget: at most ${BUNDLE_BUDGET_KB} KB, issue 17, ${met ? "met" : "not met"}).${why}`;
    } finally {
      rmSync(buildDir, { recursive: true, force: true });
    }
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(bundleSection.run());
}
