import { expect, inject, test } from "vitest";
import { browserForThisFile, signUp } from "./browser";

/**
 * Issue 17 (the practice page's JavaScript budget): the grade's code is not
 * part of the page a user writes an answer on; it is fetched when the answer is
 * submitted. A page that opens on a grade is rendered in full by the server
 * (so it reads the same without JavaScript) and hydrates without a mismatch.
 */

const baseURL = inject("baseURL");
const browser = browserForThisFile();

const ANSWER =
  "REST models the domain as resources such as /orders/42, identified by URIs, and clients exchange JSON representations. " +
  "The HTTP method carries the intent: GET reads, POST creates and DELETE removes, and GET is idempotent so it is safe to retry.";

test("the grade's code arrives with the submit, and a graded page renders on the server and hydrates cleanly", async () => {
  const context = await browser().newContext();
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  });
  await signUp(page, baseURL);

  await page.getByLabel("concept").check();
  await page.getByLabel("Number of questions").fill("1");
  await page.getByRole("button", { name: "Start round" }).click();
  await page.waitForURL(/\/rounds\/[^/]+\/questions\/1$/);
  await page.getByLabel("Your answer").fill(ANSWER);
  const beforeSubmit = new Set(scripts);

  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect.poll(() => page.getByRole("heading", { name: "Feedback" }).isVisible()).toBe(true);
  // Chunks the page had not fetched before: the grade's own code.
  const fetchedForTheGrade = scripts.filter((s) => !beforeSubmit.has(s));
  expect(fetchedForTheGrade.length).toBeGreaterThan(0);

  // Without JavaScript the server's page already holds the whole grade.
  const url = page.url();
  const noScript = await browser().newContext({
    javaScriptEnabled: false,
    storageState: await context.storageState(),
  });
  const plain = await noScript.newPage();
  await plain.goto(url);
  expect(await plain.getByRole("heading", { name: "Feedback" }).isVisible()).toBe(true);
  expect(await plain.getByText("Overall").first().isVisible()).toBe(true);
  await noScript.close();

  // With JavaScript, a reload shows it at once and hydrates it without a mismatch (React reports those as
  // errors). React marks each element it has hydrated with a fiber key: that is the sign it is done.
  await page.reload();
  expect(await page.getByRole("heading", { name: "Feedback" }).isVisible()).toBe(true);
  const cardHydrated = () =>
    page
      .locator("section.grade-card")
      .first()
      .evaluate((el) => Object.keys(el).some((key) => key.startsWith("__reactFiber")));
  await expect.poll(cardHydrated).toBe(true);
  expect(consoleErrors).toEqual([]);
  await context.close();
});
