import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

const zodImport = { name: "zod", message: 'Import { z } from "~/utils/zod".' };
const testsImport = {
  regex: "(^|/)tests(/|$)",
  message: "App code never imports tests/: msw starts from server.js when MOCKS=true (see tests/mocks/index.ts).",
};

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", ".cache/**", "node_modules/**", "data/**"] },
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
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
        { selector: "ImportExpression[source.value=/(^|\\/)tests(\\/|$)/]", message: testsImport.message },
      ],
    },
  },
  {
    files: ["app/**/*.test.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { paths: [zodImport] }] },
  },
);
