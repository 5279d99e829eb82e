import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, inject, test } from "vitest";

/**
 * Remix's compiler replaces each server module a route file imports with an
 * empty module in the browser build, and one that two routes import becomes a
 * script of its own: an empty request before the page can hydrate. The root is
 * on every page, so it imports its server code through one module nothing else
 * imports (app/root.server.ts), whose empty stand-in is folded into the root's
 * own script. Read from esbuild's metafile of the build the browser tests serve.
 */

interface Output {
  entryPoint?: string;
  imports: { path: string; kind: string }[];
  inputs: Record<string, unknown>;
}

const metafile = JSON.parse(
  readFileSync(path.join(inject("buildDir"), "metafile.js.json"), "utf8"),
) as { outputs: Record<string, Output> };

test("the root's script, loaded on every page, brings no empty script of server code with it", () => {
  const outputs = metafile.outputs;
  const root = Object.values(outputs).find(
    (o) => o.entryPoint === "browser-route-module:root.tsx?browser",
  );
  expect(root, "the root's script in the metafile").toBeDefined();
  const scripts = root!.imports
    .filter((i) => i.kind === "import-statement")
    .map((i) => ({ path: i.path, output: outputs[i.path] }));
  // It does import the framework's scripts: the check below looks at real chunks.
  expect(scripts.length).toBeGreaterThan(0);
  const emptyStandIns = scripts
    .filter(({ output }) => {
      const inputs = Object.keys(output?.inputs ?? {});
      return inputs.length > 0 && inputs.every((input) => input.startsWith("empty-module:"));
    })
    .map(({ path: script, output }) => `${script}: ${Object.keys(output!.inputs).join(", ")}`);
  expect(emptyStandIns).toEqual([]);
});
