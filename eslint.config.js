import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

const zodImport = { name: "zod", message: 'Import { z } from "~/utils/zod".' };
const testsImport = {
  regex: "(^|/)tests(/|$)",
  message:
    "App code never imports tests/: msw starts from server.js when MOCKS=true (see tests/mocks/index.ts).",
};

/**
 * The feature folders of app/, lowest first: a folder imports only from its own layer's neighbours
 * below it, never from a layer above (docs/architecture.md draws the map). Routes, components, root
 * and the entry modules sit on top and may import any feature. Type-only imports are erased at build
 * time and do not count; a constants-only leaf may be named as an exception.
 */
const FEATURE_LAYERS = [
  ["security"],
  ["utils", "dates", "theme"],
  ["auth"],
  ["question-bank", "preferences"],
  ["custom-questions"],
  ["packs"],
  ["rounds"],
  ["grading"],
  ["scores", "stories"],
  ["answering"],
  ["voice", "review"],
];
/** Leaves a lower layer may read: constants with no imports of their own. */
const LEAF_EXCEPTIONS = { security: ["~/packs/pack-limits"] };
const layerRules = FEATURE_LAYERS.slice(0, -1).flatMap((layer, i) => {
  const above = FEATURE_LAYERS.slice(i + 1).flat();
  return layer.map((folder) => ({
    files: [`app/${folder}/**/*.{ts,tsx}`],
    ignores: ["app/**/*.test.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                ...above.flatMap((f) => [`~/${f}/**`, `../${f}/**`]),
                ...(LEAF_EXCEPTIONS[folder] ?? []).map((leaf) => `!${leaf}`),
              ],
              allowTypeImports: true,
              message: `app/${folder} sits below ${above.join(", ")} and never imports them (eslint.config.js FEATURE_LAYERS).`,
            },
          ],
        },
      ],
    },
  }));
});

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", ".cache/**", "node_modules/**", "data/**"] },
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Browser bundles must get zod in jitless mode (see app/utils/zod.ts); app code never
    // imports tests/ (the mocks start from server.js with MOCKS=true, and stay out of the build).
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/utils/zod.ts", "app/**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { paths: [zodImport], patterns: [testsImport] }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportExpression[source.value=/(^|\\/)tests(\\/|$)/]",
          message: testsImport.message,
        },
      ],
    },
  },
  {
    // Dependencies point one way: a module never reaches, through any chain of imports, back to
    // itself. Type-only imports are erased at build time and do not count.
    files: ["app/**/*.{ts,tsx}", "db/**/*.ts"],
    plugins: { "import-x": importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver-next": [createTypeScriptImportResolver()],
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    // The data layer sits below the app: db/ never imports app/ (the app declares its stored shapes
    // into db/schema.ts, see app/stored-shapes.ts).
    files: ["db/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(~/|(\\.\\./)+app(/|$))",
              message: "db/ sits below the app and never imports app/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.test.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { paths: [zodImport] }] },
  },
  ...layerRules,
);
