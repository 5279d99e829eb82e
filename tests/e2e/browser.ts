import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Debian's Chromium, headless, with the flags this sandboxed, offline machine needs (and any `extraArgs`). */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}. Install it: apt-get update && apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      ...extraArgs,
    ],
  });
}

/** One browser for the test file: launched before its tests, closed after them. */
export function browserForThisFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("the browser is not launched yet");
    return browser;
  };
}

let counter = 0;
export function uniqueUsername(prefix = "user"): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}

export async function signUp(page: Page, baseURL: string, username = uniqueUsername()): Promise<string> {
  await page.goto(baseURL);
  await page.getByRole("link", { name: "Sign up" }).click();
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.waitForURL("**/rounds/new");
  return username;
}

/**
 * Starts a round of one concept question with a five-minute clock, as the "new round" form posts
 * it, for the user signed in on `page`; returns the path of its answer page, whose clock is running.
 */
export async function startOneQuestionRound(page: Page, baseURL: string): Promise<string> {
  const started = await page.request.post(`${baseURL}/rounds/new`, {
    form: { kinds: "concept", count: "1", minutes: "5" },
    headers: { Origin: baseURL },
  });
  const answerPage = new URL(started.url()).pathname;
  expect(answerPage).toMatch(/^\/rounds\/[^/]+\/questions\/1$/);
  return answerPage;
}

/**
 * Resolves once the answer page's timer has changed on screen: the page has hydrated and its
 * clock runs in the browser (the server's HTML shows a fixed time).
 */
export async function waitForTheTimerToTick(page: Page, timeout?: number): Promise<void> {
  const timer = page.getByRole("timer");
  const shown = await timer.textContent();
  await expect.poll(() => timer.textContent(), { timeout }).not.toBe(shown);
}
