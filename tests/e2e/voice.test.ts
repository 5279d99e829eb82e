import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { launchBrowser, signUp } from "./browser";

/**
 * A spoken answer end to end: Chromium's fake microphone plays a WAV that
 * espeak-ng speaks at test time, the recorder uploads it, the (mocked)
 * transcription server's text lands in the answer box and survives a reload
 * (the draft autosave), the graded answer shows its pace and replays.
 */
const baseURL = inject("mockedBaseURL");
let dir: string;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "rehearse-voice-"));
  const wav = path.join(dir, "answer.wav");
  const spoken = spawnSync("espeak-ng", ["-w", wav, "REST models the domain as resources, each with its own address."]);
  if (spoken.error || spoken.status !== 0) {
    throw new Error(`espeak-ng could not make ${wav} (apt-get install -y espeak-ng): ${spoken.error?.message ?? spoken.stderr.toString()}`);
  }
  browser = await launchBrowser([
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    `--use-file-for-fake-audio-capture=${wav}`,
  ]);
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

test("record an answer: the transcript lands in the box and is kept, the grade shows the pace, the recording replays", async () => {
  const page = await browser.newPage();
  const consoleErrors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  await signUp(page, baseURL);
  await page.getByLabel("concept").check();
  await page.getByLabel("Number of questions").fill("1");
  await page.getByLabel("Minutes per question").fill("5");
  await page.getByRole("button", { name: "Start round" }).click();
  await page.waitForURL(/\/questions\/1$/);
  const questionUrl = page.url();
  expect(await page.getByRole("button", { name: "Read the question aloud" }).count()).toBeLessThanOrEqual(1);

  const record = page.getByRole("button", { name: "Record answer" });
  await record.click();
  const stop = page.getByRole("button", { name: "Stop" });
  await expect.poll(() => stop.isVisible()).toBe(true);
  // The fake microphone is playing the WAV: the level meter moves. Then two seconds of it on the recorder's own clock.
  await expect.poll(() => page.getByRole("meter", { name: "Microphone level" }).getAttribute("value")).not.toBe("0");
  await expect.poll(() => page.locator(".recorder").textContent(), { timeout: 15_000 }).toMatch(/0:0[2-9]/);
  await stop.click();

  const box = page.getByRole("textbox", { name: "Your answer" });
  await expect.poll(() => box.inputValue(), { timeout: 30_000 }).toContain("REST models the domain as resources");
  // The transcript is a draft like typed text: a reload keeps it (the autosave saved it).
  await expect.poll(() => page.getByText(/Draft saved/).first().isVisible(), { timeout: 15_000 }).toBe(true);
  await page.goto(questionUrl);
  await expect.poll(() => box.inputValue()).toContain("REST models the domain as resources");

  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect.poll(() => page.getByRole("heading", { name: "Feedback" }).isVisible(), { timeout: 30_000 }).toBe(true);
  // Delivery from the voice: the pace is measured over speaking time.
  await expect.poll(() => page.getByRole("heading", { name: "How you said it" }).isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await page.getByText(/^\d+ words a minute \(\d+ words\)$/).count()).toBe(1);
  // The mocked transcript's "um", "you know" and "like" are heard as fillers.
  expect(await page.getByText("None heard").count()).toBe(0);

  // Replay: the audio element plays the stored recording, and the server serves byte ranges for seeking.
  const audio = page.locator("audio").first();
  await expect.poll(() => audio.isVisible()).toBe(true);
  const src = await audio.getAttribute("src");
  expect(src).toBeTruthy();
  const ranged = await page.request.get(new URL(src ?? "", baseURL).toString(), { headers: { Range: "bytes=0-99" } });
  expect(ranged.status()).toBe(206);
  expect((await ranged.body()).length).toBe(100);
  await expect
    .poll(() => audio.evaluate((el) => (el as HTMLAudioElement).readyState), { timeout: 15_000 })
    .toBeGreaterThanOrEqual(1);

  // The round's report replays it too, as plain HTML: the report loads no script.
  const report = await page.goto(questionUrl.replace(/\/questions\/1$/, "/report"));
  const sent = await report!.text();
  expect(sent).toContain("<audio");
  expect(sent).not.toContain("<script");
  const replay = page.locator("audio").first();
  await expect.poll(() => replay.isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await page.getByRole("heading", { name: "How you said it" }).isVisible()).toBe(true);
  // Chromium's MediaRecorder writes WebM with no duration; the recorder wrote it in before the upload,
  // so with no script to work it out the player still knows the length (over 2 s) and can seek.
  await expect
    .poll(() => replay.evaluate((el) => (el as HTMLAudioElement).duration), { timeout: 15_000 })
    .toBeGreaterThan(2);
  expect(await replay.evaluate((el) => Number.isFinite((el as HTMLAudioElement).duration))).toBe(true);
  expect(consoleErrors).toEqual([]);
  await page.close();
});
