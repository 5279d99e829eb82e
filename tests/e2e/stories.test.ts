import { expect, inject, test } from "vitest";
import { browserForThisFile, signUp, uniqueUsername } from "./browser";

const baseURL = inject("baseURL");
const browser = browserForThisFile();

const ANSWER =
  "Situation: last year our checkout API started failing at 2am and the error rate hit 18%. " +
  "Task: I was the on-call engineer and I owned the recovery. " +
  "Action: I rolled back the deploy, then I added a canary stage and I wrote the postmortem. " +
  "Result: errors fell from 18% to 0.5% within 12 minutes.";

test("a graded behavioural answer becomes a story: edited, flagged, in the matrix, suggested on a matching question", async () => {
  const page = await browser().newPage();
  const consoleErrors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  await signUp(page, baseURL);

  // A behavioural question, answered in the first person with a number in the result.
  await page.goto(`${baseURL}/questions/production-incident`);
  await page.getByRole("button", { name: /^Practise this question/ }).click();
  await page.waitForURL(/\/rounds\/[^/]+\/questions\/1$/);
  // An empty bank suggests nothing yet, and says how to start one.
  await expect.poll(() => page.getByText("Your story bank is empty").isVisible()).toBe(true);
  await page.getByLabel("Your answer").fill(ANSWER);
  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect.poll(() => page.getByText("STAR:").isVisible()).toBe(true);

  // "Save as story": the STAR parts arrive split from the answer.
  await page.getByRole("link", { name: "Save as story" }).click();
  await page.waitForURL(/\/stories\/new\?answer=/);
  await expect
    .poll(() => page.getByLabel("Situation", { exact: true }).inputValue())
    .toBe("last year our checkout API started failing at 2am and the error rate hit 18%.");
  expect(await page.getByLabel("Task", { exact: true }).inputValue()).toBe(
    "I was the on-call engineer and I owned the recovery.",
  );
  expect(await page.getByLabel("Action", { exact: true }).inputValue()).toMatch(
    /^I rolled back the deploy/,
  );
  expect(await page.getByLabel("Result", { exact: true }).inputValue()).toBe(
    "errors fell from 18% to 0.5% within 12 minutes.",
  );
  expect(await page.getByLabel("incident", { exact: true }).isChecked()).toBe(true);
  // The title is the story's own subject, not the question; the metric is the result's before and after.
  expect(await page.getByLabel("Title").inputValue()).toBe("Checkout API started failing at 2am");
  expect(await page.getByLabel("Metric").inputValue()).toBe(
    "errors fell from 18% to 0.5% within 12 minutes",
  );

  const title = `Checkout outage ${uniqueUsername("s")}`;
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Save story" }).click();
  await page.waitForURL(/\/stories\/[0-9a-f-]{36}$/);
  await expect.poll(() => page.getByRole("heading", { name: title }).isVisible()).toBe(true);
  // The notice after the redirect, in the layout's live region.
  const saved = page.getByRole("status").filter({ hasText: "The story is saved." });
  await expect.poll(() => saved.isVisible()).toBe(true);
  expect(await page.getByText("No problems found").isVisible()).toBe(true);
  // Saved from the answer, so it already counts as told once.
  expect(await page.getByRole("heading", { name: "Answers that told it" }).isVisible()).toBe(true);
  expect(
    await page
      .getByRole("link", { name: "Tell me about a production incident you handled" })
      .count(),
  ).toBeGreaterThan(0);

  // Edit it: a new title, and a result with no number, which gets flagged with how to fix it.
  const renamed = `${title} (edited)`;
  await page.getByRole("link", { name: "Edit story" }).click();
  await page.waitForURL(/\/edit$/);
  await page.getByLabel("Title").fill(renamed);
  await page
    .getByLabel("Result", { exact: true })
    .fill("Errors went back to normal and the team was relieved.");
  await page.getByLabel("Metric").fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect.poll(() => page.getByRole("heading", { name: renamed }).isVisible()).toBe(true);
  await expect.poll(() => page.getByText("No number proves the result.").isVisible()).toBe(true);
  await expect.poll(() => saved.isVisible()).toBe(true);

  // An empty title is refused with a message tied to the field, and the typed text stays.
  // The browser logs that 400 response as a console error: expected here, and only here.
  const errorsBefore = consoleErrors.length;
  await page.getByRole("link", { name: "Edit story" }).click();
  await page.waitForURL(/\/edit$/);
  // Shown once: the next page has none.
  await expect.poll(() => page.getByRole("heading", { name: "Edit story" }).isVisible()).toBe(true);
  expect(await page.getByText("The story is saved.").count()).toBe(0);
  await page.getByLabel("Title").fill(" ");
  await page.getByLabel("Task", { exact: true }).fill("I led the recovery as on-call engineer.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect.poll(() => page.getByText("Give the story a title.").isVisible()).toBe(true);
  expect(await page.getByLabel("Title").getAttribute("aria-invalid")).toBe("true");
  expect(await page.getByLabel("Task", { exact: true }).inputValue()).toBe(
    "I led the recovery as on-call engineer.",
  );
  const refused = consoleErrors.splice(errorsBefore);
  expect(refused.filter((e) => !e.includes("status of 400"))).toEqual([]);

  // The coverage matrix: the story covers incident; a gap row names no story.
  await page.goto(`${baseURL}/stories/matrix`);
  await expect.poll(() => page.getByRole("columnheader", { name: renamed }).isVisible()).toBe(true);
  const incidentRow = page
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: "incident", exact: true }) });
  expect(await incidentRow.getByText("covered", { exact: true }).count()).toBe(1);
  expect(await incidentRow.getByText("1 story").isVisible()).toBe(true);
  const mentoringRow = page
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: "mentoring", exact: true }) });
  expect(await mentoringRow.getByText("No story yet.").isVisible()).toBe(true);

  // Practise the story: a round of the questions it fits, where it is suggested before answering.
  await page.getByRole("link", { name: renamed }).click();
  await page.getByRole("button", { name: "Practise this story" }).click();
  await page.waitForURL(/\/rounds\/[^/]+\/questions\/1$/);
  const suggestions = page.getByRole("region", { name: "Stories that fit" });
  await expect.poll(() => suggestions.getByRole("link", { name: renamed }).isVisible()).toBe(true);
  expect(
    await suggestions
      .getByText(/Matches incident/)
      .first()
      .isVisible(),
  ).toBe(true);
  expect(
    await suggestions
      .getByText(/Told in 1 answer/)
      .first()
      .isVisible(),
  ).toBe(true);

  // "I'm telling this story" links it to this answer without leaving the page or losing what is typed.
  await page.getByLabel("Your answer").fill("Draft that must survive.");
  await suggestions.getByRole("button", { name: `I'm telling this story: ${renamed}` }).click();
  await expect
    .poll(() => suggestions.getByText(`You are telling “${renamed}” in this answer.`).isVisible())
    .toBe(true);
  expect(await page.getByLabel("Your answer").inputValue()).toBe("Draft that must survive.");
  await expect
    .poll(() =>
      suggestions
        .getByText(/Told in 2 answers/)
        .first()
        .isVisible(),
    )
    .toBe(true);

  expect(consoleErrors).toEqual([]);
  await page.close();
});
