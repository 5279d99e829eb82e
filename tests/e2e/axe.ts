import { createRequire } from "node:module";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";

/**
 * axe-core's WCAG 2.0/2.1 A and AA rules and its best practices, run in the
 * page as it stands. The page's context needs `bypassCSP: true`: the injected
 * axe script is inline code, which the app's Content-Security-Policy refuses.
 */

const AXE_PATH = createRequire(import.meta.url).resolve("axe-core");
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

export interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

export async function axeViolations(page: Page, tags: string[] = AXE_TAGS): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (runTags) => {
    const { axe } = window as unknown as {
      axe: { run: (context: Document, options: object) => Promise<AxeResults> };
    };
    const results = await axe.run(document, { runOnly: { type: "tag", values: runTags } });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`),
    }));
  }, tags);
}
