import type { Request as PwRequest, Route } from "playwright-core";
import { expect, inject, test } from "vitest";
import { browserForThisFile, signUp } from "./browser";

const baseURL = inject("baseURL");
const browser = browserForThisFile();

const ANSWER =
  "REST models the domain as resources such as /orders/42 and clients exchange JSON representations of them. " +
  "GET reads and DELETE removes; PUT and DELETE are idempotent, so a client that timed out can safely send them again.";

/** A draft save as the page sends it: today a POST to the answer's draft route (a router fetcher's action before). */
function isDraftSave(request: PwRequest): boolean {
  return (
    request.method() === "POST" &&
    (new URL(request.url()).pathname.endsWith("/draft") || (request.postData() ?? "").includes("intent=save-draft"))
  );
}

/** A request held by the test until it calls `release`. */
function holdable() {
  let arrived!: () => void;
  let release!: () => void;
  const seen = new Promise<void>((resolve) => (arrived = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    seen,
    release,
    async hold(route: Route) {
      arrived();
      await released;
      await route.continue();
    },
  };
}

test("a submit while a draft save is still in flight shows the graded answer, and the late draft changes nothing", async () => {
  const page = await browser().newPage();
  const consoleErrors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  await signUp(page, baseURL);
  await page.getByLabel("concept").check();
  await page.getByLabel("REST API").check();
  await page.getByLabel("Number of questions").fill("1");
  await page.getByRole("button", { name: "Start round" }).click();
  await page.waitForURL(/\/questions\/1$/);

  // The draft save leaves the browser but its reply is held: the user is faster than the server.
  const draft = holdable();
  await page.route((url) => url.pathname.includes("/questions/"), async (route) => {
    if (isDraftSave(route.request())) await draft.hold(route);
    else await route.fallback();
  });
  // And the page's data after the submit is held until the draft's reply has arrived, the order
  // in which a slow server answers: this is where the router used to end the navigation early.
  const reload = holdable();
  await page.route(/\/questions\/1\.data/, async (route) => {
    if (route.request().method() === "GET") await reload.hold(route);
    else await route.fallback();
  });

  await page.getByLabel("Your answer").fill(ANSWER);
  await page.getByLabel("Your answer").blur();
  await draft.seen;
  await expect.poll(() => page.getByText("Saving draft…").count()).toBe(1);

  await page.getByRole("button", { name: "Submit answer" }).click();
  await reload.seen;
  const draftReply = page.waitForResponse((response) => isDraftSave(response.request()));
  draft.release();
  // The draft reached the server after the submission: refused, as the answer is already in.
  expect((await draftReply).status()).toBe(409);
  reload.release();

  await expect.poll(() => page.getByRole("link", { name: "See the round report" }).isVisible()).toBe(true);
  await expect.poll(() => page.getByRole("heading", { name: "Your answer" }).isVisible()).toBe(true);
  expect(await page.locator(".answer-text").first().textContent()).toBe(ANSWER);
  expect(await page.getByRole("textbox", { name: "Your answer" }).count()).toBe(0);
  // The browser reports the refused draft (409) itself; nothing else went wrong.
  expect(consoleErrors.filter((e) => !/status of 409 \(Conflict\)/.test(e))).toEqual([]);
  await page.close();
});
