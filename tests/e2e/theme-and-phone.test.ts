import type { Page } from "playwright-core";
import { expect, inject, test } from "vitest";
import {
  browserForThisFile,
  signUp,
  startOneQuestionRound,
  waitForTheTimerToTick,
} from "./browser";

/**
 * The header's theme switch (light / dark / system, remembered in a cookie,
 * no JavaScript needed), the header on a phone (one row and a Menu that opens
 * without JavaScript), and the timer's note when the page cannot tick.
 */

const baseURL = inject("baseURL");
const browser = browserForThisFile();
const PHONE = { width: 390, height: 844 };

const pageTheme = (page: Page) =>
  page.evaluate(() => ({
    attribute: document.documentElement.getAttribute("data-theme"),
    background: getComputedStyle(document.documentElement).backgroundColor,
  }));

/** Whether a computed `rgb(r, g, b)` colour is dark (its channels' mean under a third). */
const isDark = (rgb: string) => {
  const channels = (rgb.match(/\d+/g) ?? []).slice(0, 3).map(Number);
  return channels.reduce((a, b) => a + b, 0) / 3 < 85;
};

const themeButton = (page: Page, name: "Light" | "Dark" | "System") =>
  page.getByRole("group", { name: "Theme" }).getByRole("button", { name, exact: true });

test("choosing dark without JavaScript keeps the page dark after a reload, and System follows the system again", async () => {
  const context = await browser().newContext({ javaScriptEnabled: false, colorScheme: "light" });
  const page = await context.newPage();
  try {
    await signUp(page, baseURL);
    expect(await pageTheme(page)).toEqual({ attribute: null, background: expect.any(String) });
    expect(isDark((await pageTheme(page)).background)).toBe(false);
    expect(await themeButton(page, "System").getAttribute("aria-pressed")).toBe("true");

    await themeButton(page, "Dark").click();
    await page.waitForURL("**/rounds/new");
    await expect.poll(async () => (await pageTheme(page)).attribute).toBe("dark");
    expect(isDark((await pageTheme(page)).background)).toBe(true);
    expect(await themeButton(page, "Dark").getAttribute("aria-pressed")).toBe("true");

    await page.reload();
    expect((await pageTheme(page)).attribute).toBe("dark");
    await page.goto(`${baseURL}/history`);
    expect(isDark((await pageTheme(page)).background)).toBe(true);

    // Light wins over a dark system, and System hands the choice back to it.
    await page.emulateMedia({ colorScheme: "dark" });
    await themeButton(page, "Light").click();
    await page.waitForURL("**/history");
    await expect.poll(async () => (await pageTheme(page)).attribute).toBe("light");
    expect(isDark((await pageTheme(page)).background)).toBe(false);
    await themeButton(page, "System").click();
    await page.waitForURL("**/history");
    await expect.poll(async () => (await pageTheme(page)).attribute).toBe(null);
    expect(isDark((await pageTheme(page)).background)).toBe(true);
  } finally {
    await context.close();
  }
});

test("the theme switch refuses what it does not know, another site's post, and a redirect off the site", async () => {
  const context = await browser().newContext();
  try {
    const post = (form: Record<string, string>, origin = baseURL) =>
      context.request.post(`${baseURL}/theme`, {
        form,
        headers: { Origin: origin },
        maxRedirects: 0,
      });

    expect((await post({ theme: "purple" })).status()).toBe(400);
    expect((await post({})).status()).toBe(400);
    expect((await post({ theme: "dark".repeat(1000) })).status()).toBe(400);
    expect((await post({ theme: "dark" }, "https://evil.example")).status()).toBe(403);

    const offSite = await post({ theme: "dark", redirectTo: "//evil.example/x" });
    expect(offSite.status()).toBe(302);
    expect(offSite.headers()["location"]).toBe("/");
    expect(offSite.headers()["set-cookie"]).toMatch(/^theme=.*HttpOnly.*SameSite=Lax/i);

    const back = await post({ theme: "light", redirectTo: "/progress?x=1" });
    expect(back.headers()["location"]).toBe("/progress?x=1");
    // A GET changes nothing: it only sends the browser home.
    const get = await context.request.get(`${baseURL}/theme?theme=dark`, { maxRedirects: 0 });
    expect(get.status()).toBe(302);
    expect(get.headers()["set-cookie"]).toBeUndefined();
  } finally {
    await context.close();
  }
});

test("on a phone the header is one row, and its Menu opens without JavaScript", async () => {
  const signedIn = await browser().newContext();
  const setup = await signedIn.newPage();
  await signUp(setup, baseURL);
  const cookies = await signedIn.cookies();
  await signedIn.close();

  const context = await browser().newContext({ javaScriptEnabled: false, viewport: PHONE });
  await context.addCookies(cookies);
  const page = await context.newPage();
  try {
    await page.goto(`${baseURL}/`);
    const header = page.getByRole("banner");
    const box = await header.boundingBox();
    expect(box?.height).toBeLessThan(70);
    const nav = page.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link", { name: "Progress" }).isVisible()).toBe(false);

    await header.getByText("Menu", { exact: true }).click();
    for (const name of ["Readiness", "Re-practice queue", "Preferences", "Progress", "History"]) {
      expect(await nav.getByRole("link", { name, exact: true }).isVisible(), name).toBe(true);
    }
    await nav.getByRole("link", { name: "Re-practice queue" }).click();
    await page.waitForURL("**/practice-queue");
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  } finally {
    await context.close();
  }
});

test("on a wide screen every main link is in view without opening anything", async () => {
  const context = await browser().newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    await signUp(page, baseURL);
    const nav = page.getByRole("navigation", { name: "Main" });
    // The header follows the sign-up's client-side navigation.
    await expect.poll(() => nav.getByRole("link", { name: "Account" }).isVisible()).toBe(true);
    for (const name of [
      "New round",
      "Questions",
      "Re-practice queue",
      "Stories",
      "History",
      "Progress",
      "Readiness",
      "Preferences",
      "Settings",
      "Account",
    ]) {
      expect(await nav.getByRole("link", { name, exact: true }).isVisible(), name).toBe(true);
    }
    expect(await page.getByText("Menu", { exact: true }).isVisible()).toBe(false);
  } finally {
    await context.close();
  }
});

test("without JavaScript the timer says the clock still runs on the server; once the script runs, it ticks instead", async () => {
  const withScript = await browser().newContext();
  const page = await withScript.newPage();
  const noScript = await browser().newContext({ javaScriptEnabled: false });
  try {
    await signUp(page, baseURL);
    const answerPage = await startOneQuestionRound(page, baseURL);

    await noScript.addCookies(await withScript.cookies());
    const still = await noScript.newPage();
    await still.goto(`${baseURL}${answerPage}`);
    // A <noscript> paragraph (Playwright's text search skips those): shown only where no script runs.
    const note = still.locator(".countdown-server-note");
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toMatch(
      /^The clock runs on the server even without JavaScript: submit before \d:\d\d is up\.$/,
    );

    await page.goto(`${baseURL}${answerPage}`);
    await waitForTheTimerToTick(page);
    expect(await page.locator(".countdown-server-note").count()).toBe(0);
  } finally {
    await withScript.close();
    await noScript.close();
  }
});
