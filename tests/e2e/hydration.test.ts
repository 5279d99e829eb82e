import { expect, inject, test } from "vitest";
import { browserForThisFile, signUp } from "./browser";

/**
 * A person who types or taps while a page is still hydrating (a slow phone) must
 * not be left with a dead page. React 18 answers such an event by hydrating at
 * once, synchronously; while RemixBrowser waited for its streamed loader data,
 * that threw "Root did not complete" (React error 345) and the page never
 * hydrated: no character count, no autosave, no timer, until a reload.
 */

const baseURL = inject("baseURL");
const browser = browserForThisFile();

/**
 * From the moment the document is parsed until a second has passed, the page
 * gets an input, key and click event on its first form field in every task
 * gap, so some land while the page hydrates, whenever that is on this machine.
 * A string, not a function: the test runner's transform would add helpers the page lacks.
 */
const EVENTS_WHILE_HYDRATING = `
  var channel = new MessageChannel();
  var kinds = ["input", "keydown", "click"];
  var sent = 0;
  function poke() {
    var field = document.querySelector("textarea, input:not([type=hidden])") || document.body;
    field.dispatchEvent(new Event(kinds[sent++ % kinds.length], { bubbles: true }));
    if (performance.now() < 1000) channel.port2.postMessage(0);
  }
  channel.port1.onmessage = poke;
  document.addEventListener("DOMContentLoaded", poke);
`;

test("a page typed into and clicked while it hydrates still hydrates, with no error", async () => {
  const context = await browser().newContext();
  const setup = await context.newPage();
  await signUp(setup, baseURL);
  await setup.getByLabel("concept").check();
  await setup.getByLabel("Number of questions").fill("1");
  await setup.getByRole("button", { name: "Start round" }).click();
  await setup.waitForURL(/\/questions\/1$/);
  const answerPage = setup.url();
  await setup.close();

  for (const url of [answerPage, `${baseURL}/rounds/new`]) {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.addInitScript(EVENTS_WHILE_HYDRATING);
    await page.goto(url);
    // Let the second of events run out, then check the page answers as a hydrated page does.
    await page.waitForFunction(() => performance.now() > 1200);
    if (url === answerPage) {
      await page.getByLabel("Your answer").fill("Resources, verbs and status codes.");
      // Only the hydrated page counts as you type.
      await expect.poll(() => page.getByText("34 / 10,000 characters").isVisible()).toBe(true);
    }
    // A hydrated page follows its links itself: the next page comes as data, not as a new document.
    const documents: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "document") documents.push(request.url());
    });
    await page.getByRole("link", { name: "History" }).click();
    await page.waitForURL(/\/history$/);
    await page.getByRole("heading", { name: "History" }).waitFor();
    expect(documents).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }
  await context.close();
});
