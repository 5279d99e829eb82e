import { readFileSync } from "node:fs";
import { expect, inject, test } from "vitest";
import { browserForThisFile, signUp } from "./browser";

const baseURL = inject("baseURL");
const browser = browserForThisFile();

test("browse the questions, read a rubric, pick two and start a round; start a ready round", async () => {
  const page = await browser().newPage();
  const consoleErrors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  await signUp(page, baseURL);

  // Browse and filter with the GET form: only design questions remain.
  await page.getByRole("link", { name: "Questions", exact: true }).click();
  await expect
    .poll(() => page.getByRole("heading", { name: "Questions", level: 1 }).isVisible())
    .toBe(true);
  await page.getByLabel("Kind").selectOption("design");
  await page.getByRole("button", { name: "Filter questions" }).click();
  await page.waitForURL(/kind=design/);
  // The URL changes a moment before the filtered table renders: wait for the table the user then sees
  // (design rows and no concept rows), not for the URL alone.
  const table = page.getByRole("table");
  await expect
    .poll(async () => ({
      moreThanThreeDesign: (await table.getByText(/^design$/).count()) > 3,
      concept: await table.getByText(/^concept$/).count(),
    }))
    .toEqual({ moreThanThreeDesign: true, concept: 0 });

  // A question's page shows the rubric and tips before practising, never the strong answer.
  await page.getByRole("link", { name: "Design a URL shortener" }).click();
  await page.waitForURL(/\/questions\/design-url-shortener$/);
  await expect.poll(() => page.getByRole("heading", { name: "Rubric" }).isVisible()).toBe(true);
  expect(await page.getByRole("heading", { name: "Tips" }).isVisible()).toBe(true);
  expect(await page.getByText("A strong answer").count()).toBe(0);
  await page.goBack();

  // Tick two and start a round with them.
  await expect
    .poll(() => page.getByRole("button", { name: "Start a round with these" }).isVisible())
    .toBe(true);
  await page.getByRole("checkbox", { name: "Pick “Design a URL shortener”" }).check();
  await page.getByRole("checkbox", { name: /^Pick “Design a rate limiter/ }).check();
  await page.getByRole("button", { name: "Start a round with these" }).click();
  await page.waitForURL(/\/rounds\/[^/]+\/questions\/1$/);
  // The round asks the two picks, in the order the list shows them.
  await expect.poll(() => page.getByText(/Question 1 of 2/).isVisible()).toBe(true);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toMatch(
    /^Design a (URL shortener|rate limiter)$/,
  );

  // Nothing ticked: the same page explains, nothing starts.
  await page.goto(`${baseURL}/questions?kind=behavioural`);
  await page.getByRole("button", { name: "Start a round with these" }).click();
  await expect
    .poll(() => page.getByText("Tick at least one question to start a round.").isVisible())
    .toBe(true);

  // Export the ticked questions as a JSON pack: a file download, the page stays.
  await page.getByRole("checkbox", { name: /^Pick “Tell me about a production incident/ }).check();
  await page.getByLabel("Pack format").selectOption("json");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export selected" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^rehearse-pack-\d{4}-\d{2}-\d{2}\.json$/);
  const file = await download.path();
  const pack = JSON.parse(readFileSync(file, "utf8")) as {
    pack: number;
    questions: { id: string }[];
  };
  expect(pack).toMatchObject({ pack: 1, questions: [{ id: "production-incident" }] });

  // A ready round in one click.
  await page.getByRole("link", { name: "New round" }).click();
  await page.getByRole("button", { name: "Start Behavioural STAR" }).click();
  await page.waitForURL(/\/rounds\/[^/]+\/questions\/1$/);
  await expect
    .poll(() => page.getByRole("heading", { level: 1 }).textContent())
    .toMatch(/production incident/i);

  // The refused empty selection is a document POST answered with 400, which the browser logs.
  expect(consoleErrors.filter((e) => !e.includes("status of 400"))).toEqual([]);
  expect(consoleErrors.filter((e) => e.includes("status of 400"))).toHaveLength(1);
  await page.close();
});
