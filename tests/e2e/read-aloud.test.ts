import type { Page } from "playwright-core";
import { expect, inject, test } from "vitest";
import { browserForThisFile, signUp, waitForTheTimerToTick } from "./browser";

/**
 * Issue 18, item 6: with "Read each question aloud" ticked in Preferences, a
 * question is read once when it opens; without it, only the button reads.
 * The browser's speech synthesis is replaced by a recorder of what it was
 * asked to say (a headless browser has no voice to listen to).
 */
const baseURL = inject("baseURL");
const browser = browserForThisFile();

/** Installed before the app's scripts: speak() records the text and never ends, so the button stays "Stop reading". */
function fakeSpeech() {
  const spoken: string[] = [];
  const synth = {
    speak: (u: SpeechSynthesisUtterance) => spoken.push(u.text),
    cancel: () => {},
    getVoices: () => [],
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  if (typeof window.SpeechSynthesisUtterance !== "function") {
    class Utterance {
      lang = "";
      voice = null;
      onend = null;
      onerror = null;
      constructor(public text: string) {}
    }
    Object.defineProperty(window, "SpeechSynthesisUtterance", {
      value: Utterance,
      configurable: true,
    });
  }
  (window as unknown as { spoken: string[] }).spoken = spoken;
}

const spoken = (page: Page) =>
  page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.slice());

async function setReadAloud(page: Page, on: boolean) {
  await page.goto(`${baseURL}/preferences`);
  await page.getByLabel("Read each question aloud").setChecked(on);
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect.poll(() => page.getByText("Preferences saved.").isVisible()).toBe(true);
  expect(await page.getByLabel("Read each question aloud").isChecked()).toBe(on);
}

async function startRound(page: Page) {
  await page.goto(`${baseURL}/rounds/new`);
  await page.getByLabel("concept").check();
  await page.getByLabel("Number of questions").fill("1");
  await page.getByRole("button", { name: "Start round" }).click();
  await page.waitForURL(/\/questions\/1$/);
}

test("a question reads itself aloud once on arrival when the preference is on, and only on the button when off", async () => {
  const page = await browser().newPage();
  await page.addInitScript(fakeSpeech);
  await signUp(page, baseURL);

  await setReadAloud(page, true);
  await startRound(page);
  await expect
    .poll(() => page.getByRole("button", { name: "Stop reading" }).isVisible())
    .toBe(true);
  const title = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  const said = await spoken(page);
  expect(said).toHaveLength(1);
  expect(said[0]!.startsWith(`${title}. `)).toBe(true);

  await setReadAloud(page, false);
  await startRound(page);
  const button = page.getByRole("button", { name: "Read the question aloud" });
  await expect.poll(() => button.isVisible()).toBe(true);
  await button.click();
  await expect
    .poll(() => page.getByRole("button", { name: "Stop reading" }).isVisible())
    .toBe(true);
  // The page was loaded fresh at /rounds/new: the one text spoken since is the button's.
  expect(await spoken(page)).toHaveLength(1);
  await page.close();
});

test("where no script runs, or the browser has no speech synthesis, there is no read-aloud button", async () => {
  const context = await browser().newContext();
  const noScript = await browser().newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.addInitScript(() =>
      Object.defineProperty(window, "speechSynthesis", { value: undefined, configurable: true }),
    );
    await signUp(page, baseURL);
    await startRound(page);
    // Hydrated (the timer ticks), and the server's disabled button is gone.
    await waitForTheTimerToTick(page);
    expect(await page.locator(".read-aloud").count()).toBe(0);

    await noScript.addCookies(await context.cookies());
    const still = await noScript.newPage();
    await still.goto(page.url());
    await still.getByRole("heading", { level: 1 }).waitFor();
    // In the HTML (the server cannot know), but not shown: without a script it could never speak.
    expect(await still.locator(".read-aloud").count()).toBe(1);
    expect(await still.locator(".read-aloud").isVisible()).toBe(false);
  } finally {
    await context.close();
    await noScript.close();
  }
});
