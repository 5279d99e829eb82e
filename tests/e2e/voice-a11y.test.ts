import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { axeViolations } from "./axe";
import { launchBrowser, signUp } from "./browser";

/**
 * Issue 18: axe finds nothing in any state of the recorder — idle, recording,
 * transcribed (transcript in the box, replay), graded with its delivery, the
 * delivery table on /progress, and a refused microphone — through Chromium's
 * fake microphone against the mocked transcription server.
 */
const baseURL = inject("mockedBaseURL");
let dir: string;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "rehearse-voice-a11y-"));
  const wav = path.join(dir, "answer.wav");
  const spoken = spawnSync("espeak-ng", [
    "-w",
    wav,
    "REST models the domain as resources, each with its own address.",
  ]);
  if (spoken.error || spoken.status !== 0) {
    throw new Error(
      `espeak-ng could not make ${wav} (apt-get install -y espeak-ng): ${spoken.error?.message ?? spoken.stderr.toString()}`,
    );
  }
  browser = await launchBrowser([
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    `--use-file-for-fake-audio-capture=${wav}`,
  ]);
  // The injected axe script is inline code; the app's Content-Security-Policy rightly refuses that.
  context = await browser.newContext({ bypassCSP: true });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function startRound(page: Page) {
  await page.goto(`${baseURL}/rounds/new`);
  await page.getByLabel("concept").check();
  await page.getByLabel("Number of questions").fill("1");
  await page.getByLabel("Minutes per question").fill("5");
  await page.getByRole("button", { name: "Start round" }).click();
  await page.waitForURL(/\/questions\/1$/);
}

const clean = async (page: Page, state: string) =>
  expect(await axeViolations(page), state).toEqual([]);

test("each recorder state passes axe: idle, recording, transcribed, graded with delivery, and the delivery on /progress", async () => {
  const page = await context.newPage();
  await signUp(page, baseURL);
  await startRound(page);

  const record = page.getByRole("button", { name: "Record answer" });
  await expect.poll(() => record.isVisible()).toBe(true);
  await clean(page, "idle");

  await record.click();
  const stop = page.getByRole("button", { name: "Stop" });
  await expect.poll(() => stop.isVisible()).toBe(true);
  await expect
    .poll(() => page.getByRole("meter", { name: "Microphone level" }).getAttribute("value"))
    .not.toBe("0");
  await clean(page, "recording");
  await expect
    .poll(() => page.locator(".recorder").textContent(), { timeout: 15_000 })
    .toMatch(/0:0[2-9]/);
  await stop.click();

  const box = page.getByRole("textbox", { name: "Your answer" });
  await expect
    .poll(() => box.inputValue(), { timeout: 30_000 })
    .toContain("REST models the domain as resources");
  await expect.poll(() => page.getByLabel("Your recording").isVisible()).toBe(true);
  await clean(page, "transcribed");

  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect
    .poll(() => page.getByRole("heading", { name: "How you said it" }).isVisible(), {
      timeout: 30_000,
    })
    .toBe(true);
  await clean(page, "graded, with its delivery");

  await page.goto(`${baseURL}/progress`);
  const table = page.getByRole("table", { name: "Delivery of your spoken answers, newest first" });
  await expect.poll(() => table.isVisible()).toBe(true);
  expect(await table.locator("tbody tr").count()).toBe(1);
  expect(await table.locator("tbody tr td").nth(2).textContent()).toMatch(/^\d+$/);
  await clean(page, "/progress with spoken answers");
  await page.close();
});

test("a refused microphone passes axe, and says what to do", async () => {
  // A user of their own (the first test's user is signed in on the shared context).
  const own = await browser.newContext({ bypassCSP: true });
  const page = await own.newPage();
  // The browser refuses the microphone, as when the user says no.
  await page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () =>
      Promise.reject(new DOMException("Permission denied", "NotAllowedError"));
  });
  await signUp(page, baseURL);
  await startRound(page);
  await page.getByRole("button", { name: "Record answer" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "The microphone was refused" });
  await expect.poll(() => alert.isVisible()).toBe(true);
  await clean(page, "microphone refused");
  await own.close();
});

test("Settings' transcription check says the mocked server is reachable, and passes axe", async () => {
  const own = await browser.newContext({ bypassCSP: true });
  const page = await own.newPage();
  await signUp(page, baseURL);
  await page.goto(`${baseURL}/settings`);
  await expect.poll(() => page.getByText("Not checked yet").isVisible()).toBe(true);
  await page.getByRole("button", { name: "Check connection" }).click();
  const status = page.getByRole("status").filter({ hasText: "lists the model" });
  await expect.poll(() => status.isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await status.textContent()).toMatch(
    /^Reachable: .+ answered, and lists the model "whisper-1"\.$/,
  );
  await clean(page, "settings after a connection check");
  await own.close();
});
