import type { Page } from "playwright-core";
import { expect, inject, test } from "vitest";
import {
  browserForThisFile,
  signUp,
  startOneQuestionRound,
  waitForTheTimerToTick,
} from "./browser";

/**
 * Nothing on screen moves when a page's scripts arrive. On a slow phone the
 * server's HTML is painted, read and perhaps already being tapped well before
 * the page hydrates; anything hydration adds or removes above what the user is
 * looking at pushes it away (layout shift, one of the Core Web Vitals). The
 * scripts are held back here so the first paint surely comes before them.
 */

const baseURL = inject("baseURL");
const browser = browserForThisFile();
const SCRIPT_DELAY_MS = 600;
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

/** A layout shift as kept in the page: when, how large, and the start of each moved element's HTML. */
interface Shift {
  at: number;
  value: number;
  nodes: string[];
}
type WindowWithShifts = Window & { shifts: Shift[] };

/** Installed before the page's own scripts: keeps every layout shift not caused by the user's input. */
function recordLayoutShifts() {
  const shifts: Shift[] = [];
  (window as unknown as WindowWithShifts).shifts = shifts;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as unknown as {
      startTime: number;
      value: number;
      hadRecentInput: boolean;
      sources: { node?: Node | null }[];
    }[]) {
      if (entry.hadRecentInput) continue;
      shifts.push({
        at: entry.startTime,
        value: entry.value,
        nodes: entry.sources.map((s) => (s.node as Element | null)?.outerHTML?.slice(0, 80) ?? "?"),
      });
    }
  }).observe({ type: "layout-shift", buffered: true });
}

/** The shifts from the moment the first script arrived: those hydration caused. */
function shiftsSinceScripts(page: Page) {
  return page.evaluate(() => {
    const scripts = performance
      .getEntriesByType("resource")
      .filter((r) => new URL(r.name).pathname.startsWith("/build/") && r.name.endsWith(".js"));
    if (scripts.length === 0) throw new Error("no script loaded");
    const firstScript = Math.min(
      ...scripts.map((r) => (r as PerformanceResourceTiming).responseEnd),
    );
    return (window as unknown as WindowWithShifts).shifts.filter((s) => s.at >= firstScript);
  });
}

test("an answer page does not move as it hydrates: the read-aloud button and the timer are in place from the server's HTML", async () => {
  const setup = await browser().newContext();
  const first = await setup.newPage();
  await signUp(first, baseURL);
  const answerPage = await startOneQuestionRound(first, baseURL);
  const cookies = await setup.cookies();
  await setup.close();

  for (const viewport of VIEWPORTS) {
    const context = await browser().newContext({ viewport });
    try {
      await context.addCookies(cookies);
      await context.addInitScript(recordLayoutShifts);
      await context.route("**/build/**/*.js", async (route) => {
        await new Promise((resolve) => setTimeout(resolve, SCRIPT_DELAY_MS));
        await route.continue();
      });
      const page = await context.newPage();
      // Not waiting for "load": the held-back scripts delay it.
      await page.goto(`${baseURL}${answerPage}`, { waitUntil: "domcontentloaded" });
      // Before the scripts: the button is there, and cannot be pressed yet.
      const readAloud = page.getByRole("button", { name: "Read the question aloud" });
      expect(await readAloud.isDisabled()).toBe(true);
      // Hydrated: the button works and the timer ticks.
      await expect.poll(() => readAloud.isEnabled(), { timeout: 10_000 }).toBe(true);
      await waitForTheTimerToTick(page, 5_000);
      expect(await shiftsSinceScripts(page), `at ${viewport.width} px`).toEqual([]);
    } finally {
      await context.close();
    }
  }
});
