import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, inject, test } from "vitest";

/**
 * Remix's compiler replaces each server module a route file imports with an
 * empty module in the browser build, and one that two routes import becomes a
 * script of its own: an empty request before the page can hydrate. The root is
 * on every page, so it imports its server code through one module nothing else
 * imports (app/root.server.ts), whose empty stand-in is folded into the root's
 * own script. The two answer pages import theirs from answer-page.server.ts,
 * which only they import, so its stand-in joins the code they share (and the
 * clock's rules, which only they use in the browser). Read from esbuild's
 * metafile of the build the browser tests serve.
 */

interface Output {
  entryPoint?: string;
  imports: { path: string; kind: string }[];
  inputs: Record<string, unknown>;
}

const metafile = JSON.parse(
  readFileSync(path.join(inject("buildDir"), "metafile.js.json"), "utf8"),
) as { outputs: Record<string, Output> };

const outputs = metafile.outputs;

function entryOutput(entryPoint: string): string {
  const found = Object.entries(outputs).find(([, o]) => o.entryPoint === entryPoint);
  expect(found, `${entryPoint} in the metafile`).toBeDefined();
  return found![0];
}

/** The scripts a script imports statically, itself included, all the way down: what a page preloads for it. */
function scriptsOf(...scripts: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (script: string) => {
    if (seen.has(script)) return;
    seen.add(script);
    for (const i of outputs[script]?.imports ?? [])
      if (i.kind === "import-statement") visit(i.path);
  };
  scripts.forEach(visit);
  return seen;
}

/** Scripts made only of empty stand-ins for server modules: requests that bring nothing. */
function emptyStandIns(scripts: Iterable<string>): string[] {
  return [...scripts]
    .filter((script) => {
      const inputs = Object.keys(outputs[script]?.inputs ?? {});
      return inputs.length > 0 && inputs.every((input) => input.startsWith("empty-module:"));
    })
    .map((script) => `${script}: ${Object.keys(outputs[script]!.inputs).join(", ")}`);
}

const ROOT = "browser-route-module:root.tsx?browser";
const ANSWER_PAGES = [
  ["question", "rounds.$roundId.questions.$position._index"],
  ["follow-up", "rounds.$roundId.questions.$position.follow-ups.$slot"],
];

test("the root's script, loaded on every page, brings no empty script of server code with it", () => {
  const scripts = scriptsOf(entryOutput(ROOT));
  // It does import the framework's scripts: the check below looks at real chunks.
  expect(scripts.size).toBeGreaterThan(1);
  expect(emptyStandIns(scripts)).toEqual([]);
});

test.each(ANSWER_PAGES)(
  "the %s's answer page loads no empty script, and 11 scripts at most",
  (_, route) => {
    const page = entryOutput(`browser-route-module:routes/${route}/route.tsx?browser`);
    const scripts = scriptsOf(entryOutput("app/entry.client.tsx"), entryOutput(ROOT), page);
    expect(emptyStandIns(scripts)).toEqual([]);
    // With the stylesheet, 12 requests: two rounds on the six connections a browser opens to a host
    // over HTTP/1.1. A 13th starts a third round trip before the page can hydrate (150 ms on
    // Lighthouse's slow 4G, decision 014).
    expect(scripts.size).toBeLessThanOrEqual(11);
  },
);
