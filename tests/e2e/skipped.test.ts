import { expect, inject, test } from "vitest";
import { browserForThisFile, signUp } from "./browser";

const baseURL = inject("baseURL");
const browser = browserForThisFile();

test("a question left to expire unanswered is skipped: the report says so, and no average, chart or queue includes it", async () => {
  const page = await browser().newPage();
  const consoleErrors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  // The page's clock is Playwright's, so the minute can pass without waiting for it.
  await page.clock.install();
  await signUp(page, baseURL);
  await page.getByLabel("concept").check();
  await page.getByLabel("Number of questions").fill("1");
  await page.getByLabel("Minutes per question").fill("1");
  await page.getByRole("button", { name: "Start round" }).click();
  await page.waitForURL(/\/questions\/1$/);
  await expect.poll(() => page.getByRole("timer").textContent()).toMatch(/^[01]:\d\d$/);
  const questionUrl = page.url();

  // Nothing written; the clock runs out and the page records the question as skipped.
  await page.clock.runFor(61_000);
  await expect
    .poll(() =>
      page
        .getByText(/^Skipped/)
        .first()
        .isVisible(),
    )
    .toBe(true);
  expect(await page.getByRole("textbox", { name: "Your answer" }).count()).toBe(0);
  expect(await page.getByRole("heading", { name: "Feedback" }).count()).toBe(0);

  // The report: skipped, no round average.
  await page.getByRole("link", { name: "See the round report" }).click();
  await page.waitForURL(/\/report$/);
  await expect
    .poll(() => page.getByRole("heading", { name: "Round report" }).isVisible())
    .toBe(true);
  expect(await page.getByText("Skipped: not graded, and in no score").count()).toBe(1);
  expect(await page.getByText("(round average)").count()).toBe(0);
  expect(await page.locator(".grade-card").count()).toBe(0);

  // Progress has no chart, the queue nothing due or coming up.
  await page.goto(`${baseURL}/progress`);
  await expect.poll(() => page.getByText("No graded answers yet.").isVisible()).toBe(true);
  expect(await page.locator("svg").count()).toBe(0);
  await page.goto(`${baseURL}/practice-queue`);
  await expect.poll(() => page.getByText("Nothing is due now.").isVisible()).toBe(true);
  expect(await page.locator("ul.queue li").count()).toBe(0);

  // Reloading the question shows it skipped, with no grade to make.
  await page.goto(questionUrl);
  await expect
    .poll(() =>
      page
        .getByText(/^Skipped/)
        .first()
        .isVisible(),
    )
    .toBe(true);
  expect(await page.getByRole("button", { name: "Grade now" }).count()).toBe(0);
  expect(consoleErrors).toEqual([]);
  await page.close();
});
