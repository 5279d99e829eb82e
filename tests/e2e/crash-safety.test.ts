import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { afterAll, expect, inject, test } from "vitest";
import { freePort, startServer, type RunningServer } from "../utils/production-server";
import { browserForThisFile, signUp } from "./browser";

/**
 * The server dies mid-round (SIGKILL: no shutdown handler, no flush) and
 * comes back on the same port with the same database and session secret.
 * Nothing the user submitted or typed is lost, the clock has kept running
 * from its stored deadline, and the round can be finished.
 */

const browser = browserForThisFile();
const dir = mkdtempSync(path.join(tmpdir(), "rehearse-crash-"));
const databasePath = path.join(dir, "crash.db");
const env = {
  GRADER: "offline",
  DATABASE_PATH: databasePath,
  // The cookie the browser holds must still verify after the restart.
  SESSION_SECRET: "crash-test-session-secret-crash-test-session-secret",
};
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const ANSWER_ONE =
  "REST models the domain as resources such as /orders/42, identified by URIs, and clients exchange JSON representations. " +
  "The HTTP method carries the intent: GET reads, POST creates and DELETE removes, and GET is idempotent so it is safe to retry.";
const DRAFT_TWO =
  "Draft typed just before the crash: I would start from the access patterns and measure before choosing.";
const ANSWER_THREE =
  "After the restart: I would explain the trade-off first, then say which option I would choose and why.";

/** The deadline the page counts down to, as the server stored it; the timer shows time left before it. */
async function shownDeadline(page: Page): Promise<string> {
  const text = await page.getByRole("timer").textContent();
  if (!text || !/^\d+:\d\d$/.test(text) || text === "0:00") throw new Error(`unexpected timer text: ${text}`);
  const deadline = await page.locator(".countdown").getAttribute("data-deadline");
  if (!deadline) throw new Error("the countdown names no deadline");
  return deadline;
}

test("SIGKILL mid-round loses no submitted answer or draft, and the clock keeps its deadline", async () => {
  const port = await freePort();
  server = await startServer(inject("buildDir"), env, port);
  const baseURL = server.baseURL;
  const page = await browser().newPage();
  await signUp(page, baseURL);

  // A three-question concept round, three minutes a question.
  await page.getByLabel("concept").check();
  await page.getByLabel("Number of questions").fill("3");
  await page.getByLabel("Minutes per question").fill("3");
  await page.getByRole("button", { name: "Start round" }).click();
  await page.waitForURL(/\/rounds\/[^/]+\/questions\/1$/);
  const roundId = /\/rounds\/([^/]+)\//.exec(page.url())![1]!;

  // Question 1: submitted and graded.
  await page.getByLabel("Your answer").fill(ANSWER_ONE);
  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect.poll(() => page.getByText("Overall").first().isVisible()).toBe(true);

  // Question 2: a draft, saved by the autosave.
  await page.getByRole("button", { name: "Next question" }).click();
  await page.waitForURL(/\/questions\/2$/);
  await page.getByLabel("Your answer").fill(DRAFT_TWO);
  await expect.poll(() => page.getByText(/Draft saved/).count()).toBe(1);
  const deadlineBeforeKill = await shownDeadline(page);

  await server.stop("SIGKILL");
  expect(server.process.signalCode).toBe("SIGKILL");
  await expect(fetch(`${baseURL}/healthz`)).rejects.toThrow();

  server = await startServer(inject("buildDir"), env, port);
  await page.reload();

  // The draft is back, and the clock runs on to the same stored deadline, to the millisecond.
  await expect.poll(() => page.getByLabel("Your answer").inputValue()).toBe(DRAFT_TWO);
  expect(await shownDeadline(page)).toBe(deadlineBeforeKill);

  // The database agrees: one submitted answer, one open draft whose deadline the page counts down to.
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        `SELECT rq.position, a.text, a.submitted_at AS submittedAt, a.draft_saved_at AS draftSavedAt,
                a.deadline_at AS deadlineAt, (SELECT count(*) FROM grades g WHERE g.answer_id = a.id) AS grades
           FROM answers a JOIN round_questions rq ON rq.id = a.round_question_id
          WHERE rq.round_id = ? AND a.slot = 0 ORDER BY rq.position`,
      )
      .all(roundId) as {
      position: number;
      text: string;
      submittedAt: number | null;
      draftSavedAt: number | null;
      deadlineAt: number;
      grades: number;
    }[];
    expect(rows.map((r) => r.position)).toEqual([1, 2]);
    const [one, two] = rows;
    expect(one).toMatchObject({ text: ANSWER_ONE, grades: 1 });
    expect(one!.submittedAt).not.toBeNull();
    expect(two).toMatchObject({ text: DRAFT_TWO, submittedAt: null, grades: 0 });
    expect(two!.draftSavedAt).not.toBeNull();
    expect(new Date(two!.deadlineAt).toISOString()).toBe(deadlineBeforeKill);
  } finally {
    db.close();
  }

  // The round resumes where it was left, and question 1's answer is in the report.
  await page.goto(`${baseURL}/rounds/${roundId}`);
  await page.waitForURL(/\/questions\/2$/);
  await page.goto(`${baseURL}/rounds/${roundId}/report`);
  await expect
    .poll(() => page.getByRole("heading", { name: "Round report" }).isVisible())
    .toBe(true);
  expect(await page.locator(".answer-text").getByText(ANSWER_ONE).count()).toBe(1);

  // And it can be finished.
  await page.goto(`${baseURL}/rounds/${roundId}/questions/2`);
  await expect.poll(() => page.getByLabel("Your answer").inputValue()).toBe(DRAFT_TWO);
  await page.getByRole("button", { name: "Submit answer" }).click();
  await page.getByRole("button", { name: "Next question" }).click();
  await page.waitForURL(/\/questions\/3$/);
  await page.getByLabel("Your answer").fill(ANSWER_THREE);
  await page.getByRole("button", { name: "Submit answer" }).click();
  await page.getByRole("link", { name: "See the round report" }).click();
  await page.waitForURL(/\/report$/);
  // Each answer once, as its question's answer (a one-sentence answer is also quoted as evidence).
  // Compared as whole texts, so a failure shows what the report held instead.
  const answerOf = (position: number) => page.locator(".report-question").nth(position - 1).locator(".answer-text").first();
  await expect.poll(() => answerOf(3).textContent()).toBe(ANSWER_THREE);
  expect(await page.locator(".report-question").count()).toBe(3);
  expect(await answerOf(1).textContent()).toBe(ANSWER_ONE);
  expect(await answerOf(2).textContent()).toBe(DRAFT_TWO);
  await page.close();
});
