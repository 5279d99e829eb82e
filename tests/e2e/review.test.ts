import type { Page } from "playwright-core";
import { expect, inject, test } from "vitest";
import { browserForThisFile, signUp } from "./browser";

const baseURL = inject("baseURL");
const browser = browserForThisFile();

const ANSWER =
  "REST models the domain as resources such as /orders/42, identified by URIs, and clients exchange JSON representations. " +
  "The HTTP method carries the intent: GET reads, POST creates and DELETE removes, and GET is idempotent so it is safe to retry.";

/** A one-question concept round taken through the UI; ends on its report. */
async function takeShortRound(page: Page, answer = ANSWER): Promise<void> {
  await page.getByRole("link", { name: "New round" }).click();
  await page.getByLabel("concept").check();
  await page.getByLabel("REST API").check();
  await page.getByLabel("Number of questions").fill("1");
  await page.getByRole("button", { name: "Start round" }).click();
  await answerAndOpenReport(page, answer);
}

async function answerAndOpenReport(page: Page, answer: string): Promise<void> {
  await page.waitForURL(/\/questions\/1$/);
  await page.getByLabel("Your answer").fill(answer);
  await page.getByRole("button", { name: "Submit answer" }).click();
  await page.getByRole("link", { name: "See the round report" }).click();
  await page.waitForURL(/\/report$/);
  // A report that loads no script of its own, reached from a page that did: it still opens at its top.
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  await expect
    .poll(() => page.getByRole("heading", { name: "Round report" }).isVisible())
    .toBe(true);
}

test("review pages: report, one question over time, progress, history, low-anxiety mode, export, delete, readiness", async () => {
  const page = await browser().newPage();
  const consoleErrors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  await signUp(page, baseURL);
  await takeShortRound(page);

  // The report: per-criterion evidence, and the strong example revealed now that the question is answered.
  await expect
    .poll(() => page.getByRole("columnheader", { name: "What earned it" }).count())
    .toBeGreaterThan(0);
  await page.getByText("Strong example answer to question 1").click();
  expect(await page.locator("details.example[open] .answer-text").isVisible()).toBe(true);

  // The question over time, practised again in one click, with a weaker answer.
  await page.getByRole("link", { name: /^Every attempt at/ }).click();
  await page.waitForURL(/\/questions\/[a-z0-9-]+$/);
  await page.getByRole("button", { name: "Practise this question again" }).click();
  await answerAndOpenReport(page, "Resources and verbs.");
  await page.getByRole("link", { name: /^Every attempt at/ }).click();
  await expect
    .poll(() => page.getByRole("heading", { name: "Score change per criterion" }).isVisible())
    .toBe(true);
  const attempts = page
    .getByRole("table", { name: "Every attempt, criterion by criterion" })
    .getByRole("row");
  expect(await attempts.count()).toBe(3); // header + two attempts
  const overallRow = page
    .getByRole("table", { name: "Score change per criterion" })
    .getByRole("row", { name: /^Overall/ });
  expect(await overallRow.getByText(/^[+−±]\d/).count()).toBe(2);
  expect(await page.getByRole("heading", { name: "Latest feedback" }).isVisible()).toBe(true);

  // Progress: the weakest criteria and skills first, then the overall score attempt by attempt
  // (two attempts, two dots) with its trend line and its table, then criteria weakest first.
  await page.getByRole("link", { name: "Progress" }).click();
  await expect
    .poll(() => page.getByRole("heading", { name: "Where you are weakest" }).isVisible())
    .toBe(true);
  expect(await page.locator(".weakest-list li").count()).toBeGreaterThan(3);
  await expect
    .poll(() => page.getByRole("heading", { name: "Rubric criteria, weakest first" }).isVisible())
    .toBe(true);
  await expect
    .poll(() =>
      page.getByRole("table", { name: "Rubric criteria, weakest first" }).getByRole("row").count(),
    )
    .toBeGreaterThan(3);
  expect(await page.getByRole("img", { name: /attempt by attempt/ }).count()).toBeGreaterThan(3);
  const overall = page.getByRole("img", { name: "Overall score, attempt by attempt" });
  expect(await overall.locator("circle.dot").count()).toBe(2);
  expect(await overall.locator("line.trend").count()).toBe(1);
  await page.locator("figure.series summary").first().click();
  const firstTable = page.locator("figure.series").first().getByRole("table");
  expect(await firstTable.isVisible()).toBe(true);
  expect(await firstTable.getByRole("row").count()).toBe(3); // header + two attempts
  await expect.poll(() => firstTable.getByText(/\d\.\d \/ 5/).count()).toBeGreaterThan(0);

  // History: both rounds, newest first, each with its overall score and time used.
  await page.getByRole("link", { name: "History" }).click();
  await page.waitForURL(/\/history$/);
  await expect
    .poll(() => page.getByRole("heading", { name: "History", level: 1 }).isVisible())
    .toBe(true);
  const rows = page.getByRole("table").getByRole("row");
  expect(await rows.count()).toBe(3); // header + two rounds
  expect(
    await rows
      .nth(1)
      .getByText(/\d\.\d \/ 5/)
      .count(),
  ).toBe(1);
  expect(
    await rows
      .nth(1)
      .getByText(/^\d+:\d\d$/)
      .count(),
  ).toBe(1);

  // Filtering is a plain GET form: a kind with no rounds shows none.
  await page.getByLabel("Kind").selectOption("design");
  await page.getByRole("button", { name: "Filter rounds" }).click();
  await page.waitForURL(/kind=design/);
  await expect.poll(() => page.getByText("No rounds match these filters.").isVisible()).toBe(true);
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect.poll(() => page.getByRole("table").getByRole("row").count()).toBe(3);

  // Low-anxiety mode: the same pages, scores in words, no numbers.
  await page.getByRole("link", { name: "Preferences" }).click();
  await page.getByLabel("Low-anxiety mode").check();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect.poll(() => page.getByRole("status").textContent()).toContain("saved");
  await page.getByRole("link", { name: "History" }).click();
  await expect.poll(() => page.getByRole("table").getByRole("row").count()).toBe(3);
  expect(await page.getByRole("table").getByText(/\/ 5/).count()).toBe(0);
  expect(
    await page
      .getByRole("table")
      .getByText(/^(Strong|Good|Fair|Developing|Early days)$/)
      .count(),
  ).toBe(2);
  await page.getByRole("table").getByRole("row").nth(1).getByRole("link").click();
  await page.waitForURL(/\/report$/);
  await expect
    .poll(() => page.getByRole("columnheader", { name: "How it went" }).count())
    .toBeGreaterThan(0);
  expect(await page.getByText(/\d(\.\d)? \/ 5/).count()).toBe(0);
  await expect.poll(() => page.getByText("To improve").count()).toBeGreaterThan(0);
  await page.getByRole("link", { name: "Progress" }).click();
  await expect
    .poll(() => page.getByRole("heading", { name: "Rubric criteria, weakest first" }).isVisible())
    .toBe(true);
  expect(await page.getByText(/\d\.\d \/ 5/).count()).toBe(0);
  await page.getByRole("link", { name: "Preferences" }).click();
  await page.getByLabel("Low-anxiety mode").uncheck();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect.poll(() => page.getByRole("status").textContent()).toContain("saved");
  await page.getByRole("link", { name: "History" }).click();
  await expect
    .poll(() =>
      page
        .getByRole("table")
        .getByText(/\d\.\d \/ 5/)
        .count(),
    )
    .toBe(2);

  // Export: the whole account as JSON from history, one round as Markdown from its report.
  const jsonHref = await page
    .getByRole("link", { name: "Download all your data (JSON)" })
    .getAttribute("href");
  const json = await page.request.get(`${baseURL}${jsonHref}`);
  expect(json.headers()["content-type"]).toContain("application/json");
  expect(((await json.json()) as { rounds: unknown[] }).rounds).toHaveLength(2);
  await page.getByRole("table").getByRole("row").nth(2).getByRole("link").click();
  await page.waitForURL(/\/report$/);
  const markdownHref = await page
    .getByRole("link", { name: "Export as Markdown" })
    .getAttribute("href");
  const markdown = await page.request.get(`${baseURL}${markdownHref}`);
  expect(markdown.headers()["content-type"]).toContain("text/markdown");
  expect(await markdown.text()).toContain(ANSWER);

  // Delete asks first; keeping the round changes nothing, confirming removes it.
  await page.getByRole("link", { name: "Delete this round" }).click();
  await expect
    .poll(() => page.getByRole("heading", { name: "Delete this round?" }).isVisible())
    .toBe(true);
  await page.getByRole("link", { name: "Keep the round" }).click();
  await page.waitForURL(/\/report$/);
  await page.getByRole("link", { name: "Delete this round" }).click();
  await page.getByRole("button", { name: "Delete round permanently" }).click();
  await page.waitForURL(/\/history$/);
  await expect
    .poll(() => page.getByRole("status").textContent())
    .toBe("The round and its answers and grades were deleted.");
  expect(await page.getByRole("table").getByRole("row").count()).toBe(2);

  // Readiness: one figure for the target and the top three gaps lead; rate a skill in the matrix
  // below, see it beside the measured score, practise a gap in one click.
  await page.getByRole("link", { name: "Readiness" }).click();
  await expect
    .poll(() => page.getByRole("heading", { name: "Skill matrix" }).isVisible())
    .toBe(true);
  expect(await page.getByText(/^Readiness for backend, 3-5 years: \d+%/).isVisible()).toBe(true);
  expect(await page.locator(".gap-card").count()).toBe(3);
  await page.getByText(/^Every skill for this target/).click();
  await page.getByLabel("Incident response", { exact: true }).selectOption("2");
  await page.getByRole("button", { name: "Save self-scores" }).click();
  await expect.poll(() => page.getByRole("status").textContent()).toContain("Saved");
  expect(await page.getByLabel("Incident response", { exact: true }).inputValue()).toBe("2");
  const matrix = page.getByRole("table", { name: /Skill matrix/ });
  await expect.poll(() => matrix.getByText(/\d\.\d \/ 5/).count()).toBeGreaterThan(0); // measured from the rounds above
  // A top-three gap has its own button; any other skill is practised from the one drop-down.
  const ownButton = page.getByRole("button", { name: "Practise Incident response", exact: true });
  if ((await ownButton.count()) === 1) {
    expect(await page.getByText("You rate it 2; no graded answers yet.").isVisible()).toBe(true);
    await ownButton.click();
  } else {
    await page.getByLabel("Practise another skill").selectOption("incident-response");
    await page.getByRole("button", { name: "Practise", exact: true }).click();
  }
  await page.waitForURL(/\/questions\/1$/);
  await expect
    .poll(() => page.getByText(/Skill gap: Incident response/).count())
    .toBeGreaterThan(0);
  await page.goBack();

  // The re-practice queue: just-answered questions wait; nothing is due yet.
  await page.getByRole("link", { name: "Re-practice queue" }).click();
  await expect.poll(() => page.getByRole("heading", { name: "Coming up" }).isVisible()).toBe(true);
  expect(await page.getByText("Nothing is due now.").isVisible()).toBe(true);
  await expect.poll(() => page.locator("ul.queue li").count()).toBeGreaterThan(0);
  // Each line says why it is where it is: the last score and date, how many attempts, the next date.
  expect(await page.locator("ul.queue li").first().textContent()).toMatch(
    /Last scored \d\.\d \/ 5\b.* on \d{1,2} \w{3} \d{4}; \d+ attempts?; next due \d{1,2} \w{3} \d{4}\./,
  );

  expect(consoleErrors).toEqual([]);
  await page.close();
});

test("without JavaScript: reading every review page and using its forms", async () => {
  const context = await browser().newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signUp(page, baseURL);
  await page.getByLabel("concept").check();
  await page.getByLabel("Number of questions").fill("1");
  await page.getByRole("button", { name: "Start round" }).click();
  await answerAndOpenReport(page, ANSWER);
  await expect.poll(() => page.getByText(/\d\.\d \/ 5/).count()).toBeGreaterThan(0);

  await page.getByRole("link", { name: "History" }).click();
  await page.getByLabel("Kind").selectOption("concept");
  await page.getByRole("button", { name: "Filter rounds" }).click();
  await page.waitForURL(/kind=concept/);
  expect(await page.getByRole("table").getByRole("row").count()).toBe(2);

  // Without JavaScript a click only starts the page load: wait for the new page before reading it.
  await page.getByRole("link", { name: "Progress" }).click();
  await page.waitForURL(/\/progress$/);
  expect(
    await page.getByRole("table", { name: "Rubric criteria, weakest first" }).isVisible(),
  ).toBe(true);

  await page.getByRole("link", { name: "Readiness" }).click();
  await page.getByText(/^Every skill for this target/).click();
  await page.getByLabel("Incident response", { exact: true }).selectOption("3");
  await page.getByRole("button", { name: "Save self-scores" }).click();
  // The same URL before and after: the notice the new page brings is the sign it has loaded.
  await expect.poll(() => page.getByRole("status").getByText("Saved.").isVisible()).toBe(true);
  expect(await page.getByLabel("Incident response", { exact: true }).inputValue()).toBe("3");

  await page.getByRole("link", { name: "Preferences" }).click();
  await page.getByLabel("Low-anxiety mode").check();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect
    .poll(() => page.getByRole("status").getByText("Preferences saved.").isVisible())
    .toBe(true);
  await page.getByRole("link", { name: "History" }).click();
  await page.waitForURL(/\/history$/);
  // The table is there, its scores in words: no "/ 5" on a page that has rows to show.
  expect(await page.getByRole("table").getByRole("row").count()).toBe(2);
  // The notice was shown once, on the page its redirect led to.
  expect(await page.getByText("Preferences saved.").count()).toBe(0);
  expect(await page.getByRole("table").getByText(/\/ 5/).count()).toBe(0);

  await page.getByRole("table").getByRole("row").nth(1).getByRole("link").click();
  await page.getByRole("link", { name: "Delete this round" }).click();
  await page.getByRole("button", { name: "Delete round permanently" }).click();
  await page.waitForURL(/\/history$/);
  expect(
    await page.getByText("The round and its answers and grades were deleted.").isVisible(),
  ).toBe(true);
  expect(await page.getByText("No rounds yet.").isVisible()).toBe(true);
  await context.close();
});

test("a report of typed answers and the home page load no script, and their links and forms still work", async () => {
  const page = await browser().newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await signUp(page, baseURL);
  await takeShortRound(page);
  // Reached by a client-side navigation; a full load is what a shared link or a reload gets.
  await page.reload();
  expect(await page.locator("script").count()).toBe(0);
  expect(await page.locator('link[rel="modulepreload"]').count()).toBe(0);
  expect(await page.locator(".grade-card").count()).toBeGreaterThan(0);
  // The header's forms post without JavaScript: the theme switch comes back to the report.
  await page.getByRole("button", { name: "Dark" }).click();
  await page.waitForURL(/\/report$/);
  expect(await page.locator("html").getAttribute("data-theme")).toBe("dark");
  // A link leads to a page that needs its scripts, and gets them.
  // Read from the document the server sent: once hydrated, Remix drops its preload links from the page.
  const newRound = page.waitForResponse(
    (response) =>
      response.request().resourceType() === "document" && /\/rounds\/new$/.test(response.url()),
  );
  await page.getByRole("link", { name: "Start another round" }).click();
  await page.waitForURL(/\/rounds\/new$/);
  expect(await (await newRound).text()).toContain('rel="modulepreload"');
  // The home page is links only, and a full load of it loads no script either.
  await page.goto(baseURL);
  expect(await page.locator("script").count()).toBe(0);
  expect(await page.getByRole("link", { name: "Start a new round" }).isVisible()).toBe(true);
  expect(errors).toEqual([]);
  await page.close();
});
