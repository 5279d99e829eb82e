import { expect, inject, test } from "vitest";
import { browserForThisFile, signUp } from "./browser";

const baseURL = inject("baseURL");
const browser = browserForThisFile();

const ANSWER_ONE =
  "REST models the domain as resources such as /orders/42, identified by URIs, and clients exchange JSON representations. " +
  "The HTTP method carries the intent: GET reads, POST creates and DELETE removes, and GET is idempotent so it is safe to retry. " +
  "Each request is stateless because it carries its own token, which lets any instance behind the load balancer serve it.";

const PROBE_ANSWER =
  "For the probe I would keep a ledger table keyed by the client's request token, store the response beside it, and replay that stored response whenever the same token comes back.";

const SECOND_PROBE_ANSWER =
  "I would profile the event loop delay first, then move the blocking work to a worker thread and measure the latency again.";

test("sign up, take a two-question round, answer a probe, reload mid-question, read the report", async () => {
  const page = await browser().newPage();
  const consoleErrors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  await signUp(page, baseURL);

  // A two-question concept round at 3 minutes a question.
  await page.getByLabel("concept").check();
  await page.getByLabel("Number of questions").fill("2");
  await page.getByLabel("Minutes per question").fill("3");
  await page.getByRole("button", { name: "Start round" }).click();
  await page.waitForURL(/\/rounds\/[^/]+\/questions\/1$/);
  await expect.poll(() => page.getByRole("timer").textContent()).toMatch(/^[23]:\d\d$/);

  // Type, let the draft save, reload: the same text and the same clock.
  const requests: string[] = [];
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.endsWith(".data") || pathname.endsWith("/draft"))
      requests.push(`${request.method()} ${pathname}`);
  });
  const answer = page.getByLabel("Your answer");
  await answer.fill(ANSWER_ONE);
  await expect.poll(() => page.getByText(/Draft saved/).count()).toBe(1);
  // A draft save is one post to the draft route and no page data: nothing of the router's that a submit could race.
  expect(requests).toEqual([expect.stringMatching(/^POST \/rounds\/[^/]+\/questions\/1\/draft$/)]);
  const deadline = () => page.locator(".countdown").getAttribute("data-deadline");
  const before = await deadline();
  expect(Date.parse(before!)).toBeGreaterThan(Date.now());
  await page.reload();
  await expect.poll(() => page.getByLabel("Your answer").inputValue()).toBe(ANSWER_ONE);
  // The same deadline, to the millisecond: a reload neither resets nor moves the clock.
  expect(await deadline()).toBe(before);

  // Submit: the grade and its follow-up probes appear.
  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect.poll(() => page.getByText("Overall").first().isVisible()).toBe(true);
  await expect
    .poll(() => page.getByRole("heading", { name: "Follow-up questions" }).isVisible())
    .toBe(true);

  // Answer the first probe on its own, shorter clock.
  await page.getByRole("button", { name: "Answer follow-up 1" }).click();
  await page.waitForURL(/follow-ups\/1$/);
  await page.getByLabel("Your answer").fill(PROBE_ANSWER);
  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect.poll(() => page.getByRole("heading", { name: "Feedback" }).isVisible()).toBe(true);
  // After a follow-up the way on is the main button; back to the question is a secondary link (issue 17, bug 7).
  const roundNav = page.getByRole("navigation", { name: "Round" });
  expect(await roundNav.getByRole("button").allTextContents()).toEqual(["Next question"]);
  expect(await roundNav.getByRole("link", { name: "Back to the question" }).isVisible()).toBe(true);

  // Question two, straight from the follow-up.
  await roundNav.getByRole("button", { name: "Next question" }).click();
  await page.waitForURL(/\/questions\/2$/);
  await page
    .getByLabel("Your answer")
    .fill(
      "Because the work is I/O bound, I would explain the trade-off first: it depends on the workload, and I would measure before choosing.",
    );
  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect
    .poll(() => page.getByRole("link", { name: "See the round report" }).isVisible())
    .toBe(true);

  // A follow-up on the last question leads on to the report.
  await page.getByRole("button", { name: "Answer follow-up 1" }).click();
  await page.waitForURL(/questions\/2\/follow-ups\/1$/);
  await page.getByLabel("Your answer").fill(SECOND_PROBE_ANSWER);
  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect.poll(() => page.getByRole("heading", { name: "Feedback" }).isVisible()).toBe(true);
  expect(await roundNav.getByRole("button").count()).toBe(0);
  expect(await roundNav.getByRole("link").allTextContents()).toEqual([
    "See the round report",
    "Back to the question",
  ]);

  // The report lists both questions with their overall scores and the probe answer.
  await roundNav.getByRole("link", { name: "See the round report" }).click();
  await page.waitForURL(/\/report$/);
  await expect
    .poll(() => page.getByRole("heading", { name: "Round report" }).isVisible())
    .toBe(true);
  const overall = await page.getByText("Overall").count();
  expect(overall).toBeGreaterThanOrEqual(4); // round average, two answers, one follow-up
  // Each answer once, as an answer (a one-sentence answer is also quoted as evidence).
  const answers = page.locator(".answer-text");
  expect(await answers.getByText(ANSWER_ONE).count()).toBe(1);
  expect(await answers.getByText(PROBE_ANSWER).count()).toBe(1);
  // The summary links to each question's section; the browser renders a section only near
  // the screen (content-visibility), and a link to one off the screen still lands on its heading.
  // (A heading in a section not rendered yet may have no box of its own: before the click, measure the section.)
  const box = (selector: string) =>
    page.locator(selector).evaluate((element) => {
      const { top, bottom } = element.getBoundingClientRect();
      return { top, bottom };
    });
  const viewportHeight = page.viewportSize()!.height;
  expect((await box("section:has(> #q-2)")).top).toBeGreaterThan(viewportHeight);
  await page.getByRole("region", { name: "Summary" }).getByRole("link").nth(1).click();
  await page.waitForURL(/\/report#q-2$/);
  // The heading in view, near the top of the screen (it may sit a fraction of a pixel above 0).
  await expect.poll(async () => (await box("#q-2")).bottom).toBeGreaterThan(0);
  const landed = await box("#q-2");
  expect(landed.top).toBeGreaterThan(-(landed.bottom - landed.top) / 2);
  expect(landed.top).toBeLessThan(viewportHeight / 2);
  expect(consoleErrors).toEqual([]);
  await page.close();
});
