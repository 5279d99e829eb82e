import type { Locator, Page } from "playwright-core";
import { expect, inject, test } from "vitest";
import { browserForThisFile, uniqueUsername } from "./browser";

/**
 * A whole practice round with the keyboard alone: Tab, Shift+Tab, Enter,
 * Space and typing, never the mouse. After each submit, focus must land on
 * the new content (a heading that starts it), never be dropped on <body>.
 */

const baseURL = inject("baseURL");
const browser = browserForThisFile();

const ANSWER =
  "REST models the domain as resources such as /orders/42, identified by URIs, and clients exchange JSON representations. " +
  "The HTTP method carries the intent: GET reads, POST creates and DELETE removes.";
const PROBE_ANSWER =
  "I would keep a ledger table keyed by the client's request token and replay the stored response when the token comes back.";
const SECOND_ANSWER =
  "Because the work is I/O bound I would measure first, then explain the trade-off between the two options I considered.";

const MAX_TABS = 80;
/** Where focus goes after an answer is submitted: the heading that starts the submitted answer and its grade. */
const YOUR_ANSWER_HEADING = /^H2#answer-[\w-]+: Your answer$/;

async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement).catch(() => false);
}

/** Presses Tab (or Shift+Tab) until `target` has focus; fails if it never does. */
async function tabTo(page: Page, target: Locator, key: "Tab" | "Shift+Tab" = "Tab"): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < MAX_TABS; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(key);
  }
  throw new Error(
    `${key} never reached ${target.toString()}; focus is on ${await describeFocus(page)}`,
  );
}

/** The focused element as "TAG#id: text", for assertions and failure messages. */
async function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return "nothing";
    const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 400);
    return `${el.tagName}${el.id ? `#${el.id}` : ""}: ${text}`;
  });
}

/**
 * Once the page named by its breadcrumb has rendered (the URL changes a
 * moment before), focus is on its <h1>: where reading starts.
 */
async function expectFocusOnPageHeading(page: Page, breadcrumb: RegExp): Promise<void> {
  await expect.poll(() => page.locator(".breadcrumb").textContent()).toMatch(breadcrumb);
  const heading = (await page.locator("main h1").textContent())?.trim().replace(/\s+/g, " ");
  await expect.poll(() => describeFocus(page)).toBe(`H1: ${heading}`);
}

/**
 * Runs the page's clock forward by `ms` (Playwright's fake clock: no real
 * waiting) and reports how often the visible clock changed meanwhile, and each
 * text its polite live region took (what a screen reader would announce).
 */
async function watchCountdown(
  page: Page,
  ms: number,
): Promise<{ timerChanges: number; announcements: string[] }> {
  const live = page.locator(".countdown [aria-live]");
  expect(await live.getAttribute("aria-live")).toBe("polite");
  // The timer itself must not be a live region, or it would be read out every second.
  expect(await page.getByRole("timer").getAttribute("aria-live")).toBeNull();
  await page.evaluate(() => {
    const timer = document.querySelector('[role="timer"]');
    const region = document.querySelector(".countdown [aria-live]");
    if (!timer || !region) throw new Error("no countdown on the page");
    const result = { timerChanges: 0, announcements: [] as string[] };
    const options = { subtree: true, childList: true, characterData: true };
    const onTimer = new MutationObserver(() => (result.timerChanges += 1));
    const onRegion = new MutationObserver(() => result.announcements.push(region.textContent ?? ""));
    onTimer.observe(timer, options);
    onRegion.observe(region, options);
    Object.assign(window, {
      countdownWatch: () => {
        onTimer.disconnect();
        onRegion.disconnect();
        return result;
      },
    });
  });
  await page.clock.runFor(ms);
  return page.evaluate(() =>
    (window as unknown as { countdownWatch: () => { timerChanges: number; announcements: string[] } }).countdownWatch(),
  );
}

test("a practice round taken with the keyboard alone, focus following each submit", async () => {
  const page = await browser().newPage();
  // The page's clock is Playwright's: it runs in real time, and the countdown check runs it forward.
  await page.clock.install();
  const consoleErrors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  await page.goto(baseURL);

  // Sign up.
  await tabTo(page, page.getByRole("link", { name: "Sign up" }));
  await page.keyboard.press("Enter");
  await page.waitForURL("**/signup");
  await tabTo(page, page.getByLabel("Username"));
  await page.keyboard.type(uniqueUsername("keys"));
  await page.keyboard.press("Tab");
  await page.keyboard.type("correct horse battery staple");
  await page.keyboard.press("Enter");
  await page.waitForURL("**/rounds/new");
  await expect
    .poll(() => page.getByRole("heading", { name: "Start a practice round" }).isVisible())
    .toBe(true);

  // A two-question concept round at one minute a question.
  await tabTo(page, page.getByLabel("concept"));
  await page.keyboard.press("Space");
  expect(await page.getByLabel("concept").isChecked()).toBe(true);
  await tabTo(page, page.getByLabel("Number of questions"));
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("2");
  await page.keyboard.press("Tab");
  await page.keyboard.type("1");
  // Back past the field and forward again: Shift+Tab works too.
  await tabTo(page, page.getByLabel("Experience band (years)"), "Shift+Tab");
  await tabTo(page, page.getByRole("button", { name: "Start round" }));
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/questions\/1$/);
  await expect.poll(() => page.getByRole("timer").textContent()).toMatch(/^[01]:\d\d$/);
  await expectFocusOnPageHeading(page, /Question 1 of 2$/);

  // The clock ticks on screen; its polite live region stays quiet between thresholds.
  const ticks = await watchCountdown(page, 3_200);
  expect(ticks.timerChanges).toBeGreaterThanOrEqual(2);
  expect(ticks.announcements.length).toBeLessThanOrEqual(1);

  await tabTo(page, page.getByLabel("Your answer"));
  await page.keyboard.type(ANSWER);
  await tabTo(page, page.getByRole("button", { name: "Submit answer" }));
  await page.keyboard.press("Enter");
  await expect.poll(() => page.getByText("Overall").first().isVisible()).toBe(true);
  await expect.poll(() => describeFocus(page)).toMatch(YOUR_ANSWER_HEADING);

  await tabTo(page, page.getByRole("button", { name: "Answer follow-up 1" }));
  await page.keyboard.press("Enter");
  await page.waitForURL(/follow-ups\/1$/);
  await expectFocusOnPageHeading(page, /Question 1 of 2 · Follow-up 1$/);
  await tabTo(page, page.getByLabel("Your answer"));
  await page.keyboard.type(PROBE_ANSWER);
  await tabTo(page, page.getByRole("button", { name: "Submit answer" }));
  await page.keyboard.press("Space");
  await expect.poll(() => page.getByRole("heading", { name: "Feedback" }).isVisible()).toBe(true);
  await expect.poll(() => describeFocus(page)).toMatch(YOUR_ANSWER_HEADING);

  await tabTo(page, page.getByRole("link", { name: "Back to the question" }));
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/questions\/1$/);
  await tabTo(page, page.getByRole("button", { name: "Next question" }));
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/questions\/2$/);
  await expectFocusOnPageHeading(page, /Question 2 of 2$/);
  await tabTo(page, page.getByLabel("Your answer"));
  await page.keyboard.type(SECOND_ANSWER);
  await tabTo(page, page.getByRole("button", { name: "Submit answer" }));
  await page.keyboard.press("Enter");
  await expect
    .poll(() => page.getByRole("link", { name: "See the round report" }).isVisible())
    .toBe(true);
  await expect.poll(() => describeFocus(page)).toMatch(YOUR_ANSWER_HEADING);
  await tabTo(page, page.getByRole("link", { name: "See the round report" }));
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/report$/);
  await expect
    .poll(() => page.getByRole("heading", { name: "Round report" }).isVisible())
    .toBe(true);
  // Once, as an answer (a one-sentence answer may also be quoted as evidence, depending on the probe asked).
  expect(await page.locator(".answer-text").getByText(PROBE_ANSWER).count()).toBe(1);
  expect(consoleErrors).toEqual([]);
  await page.close();
});

test("the countdown tells screen readers at thresholds, not every second", async () => {
  const context = await browser().newContext();
  const page = await context.newPage();
  // A fake clock that still runs at normal speed, so 35 seconds can pass in a moment.
  await page.clock.install();
  const headers = { Origin: baseURL };
  await page.request.post(`${baseURL}/signup`, {
    form: {
      username: uniqueUsername("clock"),
      password: "correct horse battery staple",
      redirectTo: "/rounds/new",
    },
    headers,
  });
  const started = await page.request.post(`${baseURL}/rounds/new`, {
    form: { kinds: "concept", count: "1", minutes: "1" },
    headers,
  });
  expect(started.url()).toMatch(/\/questions\/1$/);
  await page.goto(started.url());
  await expect.poll(() => page.getByRole("timer").textContent()).toMatch(/^[01]:\d\d$/);
  expect(await page.locator(".countdown [aria-live]").getAttribute("aria-live")).toBe("polite");

  await page.evaluate(() => {
    const timer = document.querySelector('[role="timer"]')!;
    const region = document.querySelector(".countdown [aria-live]")!;
    const seen = { timerChanges: 0, announcements: [] as string[] };
    const options = { subtree: true, childList: true, characterData: true };
    new MutationObserver(() => (seen.timerChanges += 1)).observe(timer, options);
    new MutationObserver(() => seen.announcements.push(region.textContent ?? "")).observe(
      region,
      options,
    );
    (window as unknown as { seen: typeof seen }).seen = seen;
  });
  // A quarter-second at a time, as the countdown ticks, so React renders every tick.
  for (let i = 0; i < 140; i++) await page.clock.runFor(250);
  const seen = await page.evaluate(
    () => (window as unknown as { seen: { timerChanges: number; announcements: string[] } }).seen,
  );

  expect(await page.getByRole("timer").textContent()).toMatch(/^0:2\d$/);
  expect(seen.timerChanges).toBeGreaterThanOrEqual(30);
  expect(seen.announcements).toContain("30 seconds left.");
  expect(
    seen.announcements.every((text) => ["1 minute left.", "30 seconds left."].includes(text)),
  ).toBe(true);
  await context.close();
});
