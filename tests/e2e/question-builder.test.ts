import type { Locator, Page } from "playwright-core";
import { expect, inject, test } from "vitest";
import { browserForThisFile, signUp } from "./browser";

// Issue 17, bug 7: your own question is written in form fields, and the builder's buttons work
// without JavaScript: each is a submit button the server answers with the page, a row more or fewer.

const baseURL = inject("baseURL");
const browser = browserForThisFile();

const criterion = (page: Page, n: number) =>
  page.getByRole("group", { name: `Criterion ${n}`, exact: true });
const keyPoint = (page: Page, c: number, k: number) =>
  page.getByRole("group", { name: `Key point ${k} of criterion ${c}`, exact: true });
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

async function fillCriterion(group: Locator, name: string, weight: string) {
  await group.getByLabel("Name").fill(name);
  await group.getByLabel("Weight").fill(weight);
  await group.getByLabel("What a 5 looks like").fill(`${name}: said clearly, with an example.`);
}

async function fillKeyPoint(group: Locator, point: string, phrasings: string[]) {
  await group.getByLabel("The point, as a sentence").fill(point);
  await group.getByLabel("Phrasings that count as making it").fill(phrasings.join("\n"));
}

/** Clicks a builder button: without JavaScript that is a form post and a new page. */
async function press(page: Page, name: string) {
  await Promise.all([
    page.waitForEvent("load"),
    page.getByRole("button", { name, exact: true }).click(),
  ]);
}

test("without JavaScript: write a question in the builder, add and remove rows, save it and find it", async () => {
  const context = await browser().newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await signUp(page, baseURL);
    await page.goto(`${baseURL}/questions`);
    await page.getByRole("link", { name: "Write your own question" }).click();
    await page.waitForURL(/\/questions\/new$/);
    expect(await page.locator("fieldset.criterion").count()).toBe(3);

    await page.getByLabel("Id", { exact: true }).fill("consumer-lag");
    await page.getByLabel("Title", { exact: true }).fill("Explain consumer lag");
    // Enter in a field saves (the form's first button), never a row button: refused, nothing removed.
    await Promise.all([
      page.waitForEvent("load"),
      page.getByLabel("Title", { exact: true }).press("Enter"),
    ]);
    await expect
      .poll(() => page.getByRole("heading", { name: "The question is not saved yet" }).isVisible())
      .toBe(true);
    expect(await page.locator("fieldset.criterion").count()).toBe(3);
    expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe(
      "Explain consumer lag",
    );

    // Remove the third criterion: two are left, each kept as typed.
    await fillCriterion(criterion(page, 1), "Defines lag", "2");
    await fillKeyPoint(keyPoint(page, 1, 1), "Lag is how far consumers are behind.", [
      "behind the producer",
      "offset difference",
    ]);
    await fillCriterion(criterion(page, 2), "Finds the cause", "1");
    await fillKeyPoint(keyPoint(page, 2, 1), "Slow consumers or too few partitions.", [
      "slow consumer",
      "partitions",
    ]);
    await press(page, "Remove criterion 3");
    expect(await page.locator("fieldset.criterion").count()).toBe(2);
    expect(await criterion(page, 2).getByLabel("Name").inputValue()).toBe("Finds the cause");

    // Add a criterion back, and a second key point to the first: focus lands in each new row.
    await press(page, "Add criterion");
    expect(await page.locator("fieldset.criterion").count()).toBe(3);
    expect(await focusedId(page)).toBe("question-builder-criteria[2].name");
    await fillCriterion(criterion(page, 3), "Brings it down", "1.5");
    await fillKeyPoint(keyPoint(page, 3, 1), "Scale consumers out, up to the partitions.", [
      "add consumers",
      "scale out",
    ]);
    await press(page, "Add key point to criterion 1");
    expect(await focusedId(page)).toBe("question-builder-criteria[0].keyPoints[1].point");
    await fillKeyPoint(keyPoint(page, 1, 2), "Measured per partition.", ["per partition"]);
    expect(await criterion(page, 3).getByLabel("Name").inputValue()).toBe("Brings it down");

    // A criterion left without a name is refused beside it, and the rest is kept.
    await criterion(page, 2).getByLabel("Name").fill("");
    await page
      .getByLabel("The question as the interviewer asks it")
      .fill("What is consumer lag in Kafka, and how would you bring it down?");
    await page.getByLabel("Skills").fill("kafka, messaging");
    await page.getByLabel("A strong answer").fill("Lag is the offset difference per partition…");
    await page.getByLabel("A weak answer").fill("It is when Kafka is slow.");
    await page
      .getByLabel("Follow-up probes")
      .fill("How do you measure it?\nWhen does scaling stop helping?");
    await page.getByLabel("Tips").fill("Say how you would measure it.");
    await press(page, "Save question");
    const name = criterion(page, 2).getByLabel("Name");
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    expect(await name.getAttribute("aria-describedby")).toBe(
      "question-builder-criteria[1].name-error",
    );
    expect(await page.locator('[id="question-builder-criteria[1].name-error"]').textContent()).toBe(
      "Criterion 2: write the criterion's name.",
    );
    expect(await keyPoint(page, 1, 2).getByLabel("The point, as a sentence").inputValue()).toBe(
      "Measured per partition.",
    );

    await name.fill("Finds the cause");
    await press(page, "Save question");
    await page.waitForURL(/\/questions\/custom-consumer-lag$/);
    await expect
      .poll(() => page.getByRole("heading", { name: "Explain consumer lag", level: 1 }).isVisible())
      .toBe(true);
    for (const text of [
      "Defines lag",
      "Finds the cause",
      "Brings it down",
      "Measured per partition.",
    ])
      expect(await page.getByText(text, { exact: false }).first().isVisible()).toBe(true);

    // It is listed with your questions, and the edit page opens the builder filled in.
    await page.goto(`${baseURL}/questions?source=mine`);
    expect(await page.getByRole("link", { name: "Explain consumer lag" }).isVisible()).toBe(true);
    await page.goto(`${baseURL}/questions/custom/consumer-lag/edit`);
    expect(await page.locator("fieldset.criterion").count()).toBe(3);
    expect(await criterion(page, 3).getByLabel("Weight").inputValue()).toBe("1.5");
  } finally {
    await context.close();
  }
});

test("with JavaScript: a row added by the server and focused; the YAML form's refusal marked, then cleared on blur", async () => {
  const context = await browser().newContext();
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(message.text());
  });
  try {
    await signUp(page, baseURL);
    await page.goto(`${baseURL}/questions/new`);
    expect(await page.locator("fieldset.criterion").count()).toBe(3);
    await page.getByLabel("Title", { exact: true }).fill("Kept across the row button");
    await page.getByRole("button", { name: "Add criterion", exact: true }).click();
    await expect.poll(() => page.locator("fieldset.criterion").count()).toBe(4);
    await expect.poll(() => focusedId(page)).toBe("question-builder-criteria[3].name");
    expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe(
      "Kept across the row button",
    );

    await page.goto(`${baseURL}/questions/new?editor=yaml`);
    const title = page.getByLabel("Title", { exact: true });
    await page.getByLabel("Id", { exact: true }).fill("yaml-with-js");
    await page.getByRole("button", { name: "Save question" }).click();
    await expect.poll(() => title.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await title.getAttribute("aria-describedby"))!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe("Write the title.");
    // The id typed is kept; on blur the server checks the title again and its error goes.
    expect(await page.getByLabel("Id", { exact: true }).inputValue()).toBe("yaml-with-js");
    await title.fill("Explain YAML with JavaScript");
    await title.blur();
    await expect.poll(() => title.getAttribute("aria-invalid")).toBe(null);
    expect(await page.getByLabel("Id", { exact: true }).inputValue()).toBe("yaml-with-js");
    expect(pageErrors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  } finally {
    await context.close();
  }
});
