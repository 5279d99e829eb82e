import { expect, inject, test } from "vitest";
import { browserForThisFile, signUp } from "./browser";

// MOCKS=true: the server's LLM calls are answered by msw with a streamed, realistic grade.
const baseURL = inject("mockedBaseURL");
const browser = browserForThisFile();

test("feedback and probes stream onto the page, then the stored LLM grade shows", async () => {
  const page = await browser().newPage();
  await signUp(page, baseURL);
  await page.getByRole("link", { name: "Settings" }).click();
  await expect
    .poll(() => page.getByText(/^api\.openai\.com \(mocked: MOCKS=true\)$/).isVisible())
    .toBe(true);
  expect(await page.getByText(/the LLM \(gpt-4o-mini\)/).isVisible()).toBe(true);
  // Voice answers: transcription falls back to the same (mocked) server.
  expect(await page.getByText(/^whisper-1 at .+ \(mocked: MOCKS=true\)$/).isVisible()).toBe(true);

  await page.getByRole("link", { name: "New round" }).click();
  await page.getByLabel("REST API").check();
  await page.getByLabel("Number of questions").fill("1");
  await page.getByRole("button", { name: "Start round" }).click();
  await page
    .getByLabel("Your answer")
    .fill(
      "REST exposes resources such as /orders/42 identified by URIs, and the HTTP method carries the intent: GET reads, POST creates. " +
        "GET is idempotent so clients can retry it safely, and each request is stateless because it carries its own token.",
    );
  await page.getByRole("button", { name: "Submit answer" }).click();

  // While the model writes: a status line, then criteria one by one, before the final grade exists.
  // (The layout's notice region is a status too, empty here: the grade's is the one with words.)
  await expect
    .poll(() => page.getByRole("status").filter({ hasText: "Grading your answer" }).isVisible())
    .toBe(true);
  await expect
    .poll(() => page.locator(".live-criteria li").count(), { timeout: 15_000 })
    .toBeGreaterThanOrEqual(1);
  expect(await page.getByText("Graded by").count()).toBe(0);

  // Then the stored grade replaces the preview, with its probes.
  await expect
    .poll(() => page.getByText(/Graded by gpt-4o-mini/).isVisible(), { timeout: 30_000 })
    .toBe(true);
  expect(await page.getByText("Overall").first().isVisible()).toBe(true);
  expect(await page.getByRole("heading", { name: "Follow-up questions" }).isVisible()).toBe(true);
  expect(await page.getByRole("button", { name: "Answer follow-up 1" }).isVisible()).toBe(true);

  await page.getByRole("link", { name: "Settings" }).click();
  await expect.poll(() => page.getByRole("rowheader", { name: "LLM" }).isVisible()).toBe(true);
  await page.close();
});
