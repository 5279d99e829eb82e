import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { browserForThisFile, signUp, uniqueUsername } from "./browser";

/**
 * Script typed into every text field comes back as text. The browser runs with
 * the CSP switched off (bypassCSP), so this tests the escaping itself: if any
 * page rendered the payload as HTML, the alert would open a dialog.
 */

const baseURL = inject("baseURL");
const browser = browserForThisFile();

const SCRIPT = "<script>alert(1)</script>";
const ATTRIBUTE = `"><img src=x onerror=alert(1)>`;
const PAYLOADS = [SCRIPT, ATTRIBUTE];
/** What each payload looks like once escaped as HTML text. */
const ESCAPED = ["&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;"];

const ANSWER =
  `REST models resources such as /orders/42 named by URIs ${SCRIPT} and the method carries the intent. ` +
  `GET is idempotent so it is safe to retry ${ATTRIBUTE} and each request is stateless, carrying its own token.`;
const PROBE_ANSWER = `I would keep a ledger keyed by the request token ${SCRIPT} and replay the stored response ${ATTRIBUTE}.`;

let context: BrowserContext;
let page: Page;
const dialogs: string[] = [];

beforeAll(async () => {
  context = await browser().newContext({ bypassCSP: true });
  page = await context.newPage();
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

afterAll(async () => {
  await context.close();
});

/** Loads `url` as a page and checks the server's HTML: no payload raw, and (when `shown`) each one escaped. */
async function openAndCheckSource(url: string, { shown }: { shown: boolean }): Promise<void> {
  const response = await page.goto(url);
  const html = await response!.text();
  for (const payload of PAYLOADS) expect(html).not.toContain(payload);
  expect(html).not.toMatch(/<img src=x/i);
  if (shown) for (const escaped of ESCAPED) expect(html).toContain(escaped);
  await page.waitForLoadState("load");
}

/** Each payload is on the page as text a person can read. */
async function expectVisibleText(): Promise<void> {
  for (const payload of PAYLOADS) {
    await expect
      .poll(() => page.getByText(payload, { exact: false }).first().isVisible())
      .toBe(true);
  }
}

test("sign-up and log-in forms give a rejected username back as a value, not markup", async () => {
  for (const [path, button] of [
    ["/signup", "Sign up"],
    ["/login", "Log in"],
  ] as const) {
    for (const payload of PAYLOADS) {
      // Without JavaScript: the server renders the 400 page with the value kept.
      const response = await page.request.post(`${baseURL}${path}`, {
        form: { username: payload, password: "correct horse battery staple" },
        headers: { Origin: baseURL },
      });
      expect(response.status()).toBe(400);
      const html = await response.text();
      expect(html).not.toContain(payload);
      expect(html).toContain(
        `value="${payload.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")}"`,
      );

      // With JavaScript: the hydrated form shows the same.
      await page.goto(`${baseURL}${path}`);
      await page.getByLabel("Username").fill(payload);
      await page.getByLabel("Password").fill("correct horse battery staple");
      await page.getByRole("button", { name: button }).click();
      await expect.poll(() => page.getByRole("alert").count()).toBeGreaterThan(0);
      expect(await page.getByLabel("Username").inputValue()).toBe(payload);
    }
  }
  expect(dialogs).toEqual([]);
});

test("query parameters and ids in the URL are never reflected as markup", async () => {
  const q = encodeURIComponent(SCRIPT + ATTRIBUTE);
  await openAndCheckSource(`${baseURL}/login?redirectTo=${q}`, { shown: false });
  expect(await page.locator('input[name="redirectTo"]').inputValue()).toBe(SCRIPT + ATTRIBUTE);

  await signUp(page, baseURL, uniqueUsername("reflect"));
  for (const url of [
    `${baseURL}/history?from=${q}&to=${q}&skill=${q}&kind=${q}`,
    `${baseURL}/progress?charts=${q}`,
    `${baseURL}/questions/${q}`,
    `${baseURL}/rounds/${q}/report`,
    `${baseURL}/rounds/${q}/questions/${q}`,
  ]) {
    await openAndCheckSource(url, { shown: false });
  }
  expect(dialogs).toEqual([]);
});

test("answers, drafts and follow-up answers are shown as text on every page that shows them", async () => {
  await context.clearCookies();
  await signUp(page, baseURL, uniqueUsername("inject"));
  await page.getByLabel("concept").check();
  await page.getByLabel("rest-api").check();
  await page.getByLabel("Number of questions").fill("1");
  await page.getByRole("button", { name: "Start round" }).click();
  await page.waitForURL(/\/questions\/1$/);
  const questionURL = page.url();

  // The draft: saved, then rendered by the server into the textarea after a reload.
  await page.getByLabel("Your answer").fill(ANSWER);
  await expect.poll(() => page.getByText(/Draft saved/).count()).toBe(1);
  await openAndCheckSource(questionURL, { shown: true });
  await expect.poll(() => page.getByLabel("Your answer").inputValue()).toBe(ANSWER);

  // The submitted, graded answer (its text and the grade's quoted evidence).
  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect
    .poll(() => page.getByRole("heading", { name: "Follow-up questions" }).isVisible())
    .toBe(true);
  await expectVisibleText();
  await openAndCheckSource(questionURL, { shown: true });
  await expectVisibleText();

  // A follow-up answer: its draft, then its submitted form.
  const followUpURL = `${questionURL}/follow-ups/1`;
  await page.goto(followUpURL);
  await page.getByLabel("Your answer").fill(PROBE_ANSWER);
  await expect.poll(() => page.getByText(/Draft saved/).count()).toBe(1);
  await openAndCheckSource(followUpURL, { shown: true });
  await expect.poll(() => page.getByLabel("Your answer").inputValue()).toBe(PROBE_ANSWER);
  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect
    .poll(() => page.getByRole("heading", { name: "Your answer" }).isVisible())
    .toBe(true);
  await openAndCheckSource(followUpURL, { shown: true });
  await expectVisibleText();

  // The round report, and the question over time.
  const roundId = /\/rounds\/([^/]+)\//.exec(questionURL)![1]!;
  await openAndCheckSource(`${baseURL}/rounds/${roundId}/report`, { shown: true });
  await expectVisibleText();
  await expect.poll(() => page.getByText(PROBE_ANSWER.slice(0, 40)).count()).toBeGreaterThan(0);
  const questionLink = page.locator('a[href^="/questions/"]').first();
  const questionPage = await questionLink.getAttribute("href");
  expect(questionPage).toMatch(/^\/questions\/[a-z0-9-]+$/);
  await openAndCheckSource(`${baseURL}${questionPage}`, { shown: true });
  await page.locator("summary", { hasText: "Answer from" }).first().click();
  await expectVisibleText();

  // The other pages that list the round render without running anything.
  for (const path of ["/history", "/progress", "/practice-queue", "/readiness", "/"]) {
    await openAndCheckSource(`${baseURL}${path}`, { shown: false });
  }

  // Downloads are never rendered as pages: an attachment, with a declared type the browser may not sniff past.
  for (const [path, type] of [
    [`/rounds/${roundId}/export.md`, "text/markdown"],
    ["/export.json", "application/json"],
  ] as const) {
    const response = await page.request.get(`${baseURL}${path}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain(type);
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["content-disposition"]).toMatch(/^attachment/);
    expect(await response.text()).toContain(SCRIPT);
  }

  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
});
