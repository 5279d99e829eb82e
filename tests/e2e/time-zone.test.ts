import { expect, inject, test } from "vitest";
import { browserForThisFile, signUp } from "./browser";

/**
 * Issue 17, bug 9: dates in the user's time zone. The page's JavaScript tells
 * the server the browser's zone (a cookie); pages loaded after that show times
 * in it, naming the zone. Without JavaScript the server cannot know it, and says UTC.
 */

const baseURL = inject("baseURL");
const browser = browserForThisFile();

async function startRound(page: import("playwright-core").Page) {
  await page.getByLabel("concept").check();
  await page.getByLabel("Number of questions").fill("1");
  await page.getByRole("button", { name: "Start round" }).click();
  await page.waitForURL(/\/rounds\/[^/]+\/questions\/1$/);
}

test("a browser in Tokyo sees its rounds' times in Tokyo time, named", async () => {
  const context = await browser().newContext({ timezoneId: "Asia/Tokyo" });
  const page = await context.newPage();
  await signUp(page, baseURL);
  await startRound(page);
  await expect
    .poll(async () => (await context.cookies()).find((c) => c.name === "tz")?.value)
    .toBe("Asia%2FTokyo");
  await page.goto(baseURL);
  const recent = page.locator("main li").filter({ hasText: "in progress" }).first();
  expect(await recent.textContent()).toMatch(/\d{1,2} \w{3} \d{4}, \d\d:\d\d GMT\+9/);
  await context.close();
});

test("without JavaScript the times are in UTC, and say so", async () => {
  const context = await browser().newContext({
    javaScriptEnabled: false,
    timezoneId: "Asia/Tokyo",
  });
  const page = await context.newPage();
  await signUp(page, baseURL);
  await startRound(page);
  await page.goto(baseURL);
  const recent = page.locator("main li").filter({ hasText: "in progress" }).first();
  expect(await recent.textContent()).toMatch(/\d{1,2} \w{3} \d{4}, \d\d:\d\d UTC/);
  expect((await context.cookies()).some((c) => c.name === "tz")).toBe(false);
  await context.close();
});
