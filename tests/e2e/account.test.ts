import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { startServer, type RunningServer } from "../utils/production-server";
import { browserForThisFile, signUp, uniqueUsername } from "./browser";

/**
 * Issue 19's account flow as a person clicks it, on a server of its own so
 * every table's rows can be counted: sign up, start a round, change the
 * password (the old one refused, the new one accepted, another browser logged
 * out), delete the account, and every table is back where it was before the
 * sign-up. Once with JavaScript, once without (plain form posts).
 */

const browser = browserForThisFile();
const dir = mkdtempSync(path.join(tmpdir(), "rehearse-account-"));
const databasePath = path.join(dir, "account.db");
let server: RunningServer;
let db: Database.Database;

const OLD_PASSWORD = "correct horse battery staple"; // signUp's
const NEW_PASSWORD = "a brand new passphrase";
const ANSWER =
  "REST models the domain as resources such as /orders/42, identified by URIs. The HTTP method carries the intent: " +
  "GET reads and POST creates, and GET is idempotent so it is safe to retry.";

beforeAll(async () => {
  server = await startServer(inject("buildDir"), {
    GRADER: "offline",
    DATABASE_PATH: databasePath,
  });
  db = new Database(databasePath, { readonly: true });
});

afterAll(async () => {
  db?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Rows per table. The per-address rate-limit rows are left out: they count the
 * client address (every browser here is 127.0.0.1), not a user.
 */
function rowCounts(): Record<string, number> {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'",
    )
    .all() as { name: string }[];
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const where =
      name === "rate_limits"
        ? " WHERE key NOT LIKE 'login-ip:%' AND key NOT LIKE 'signup-ip:%'"
        : "";
    counts[name] = (
      db.prepare(`SELECT count(*) AS n FROM "${name}"${where}`).get() as { n: number }
    ).n;
  }
  return counts;
}

async function logIn(page: Page, username: string, password: string) {
  await page.goto(`${server.baseURL}/login`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" }).textContent();

async function accountFlow(withJavaScript: boolean) {
  const b: Browser = browser();
  const before = rowCounts();
  const here = await b.newContext({ javaScriptEnabled: withJavaScript });
  const elsewhere = await b.newContext({ javaScriptEnabled: withJavaScript });
  const page = await here.newPage();
  const consoleErrors: string[] = [];
  page.on("console", (msg) => {
    // A refused password is a 400 page, which the browser reports as a failed load: expected here.
    if (msg.type() === "error" && !msg.text().includes("status of 400"))
      consoleErrors.push(msg.text());
  });
  const username = await signUp(page, server.baseURL, uniqueUsername("acct"));

  // A round started and one answer written, so the account holds practice to delete.
  await page.getByLabel("concept").check();
  await page.getByLabel("Number of questions").fill("1");
  await page.getByRole("button", { name: "Start round" }).click();
  await page.waitForURL(/\/rounds\/[^/]+\/questions\/1$/);
  await page.getByLabel("Your answer").fill(ANSWER);
  await page.getByRole("button", { name: "Submit answer" }).click();
  await page.getByRole("link", { name: "See the round report" }).click();
  await page.waitForURL(/\/report$/);
  // Graded: nothing is left running for the account when it is deleted.
  await expect.poll(() => page.getByText(/\d\.\d \/ 5/).count()).toBeGreaterThan(0);

  // Another browser signed in as the same user.
  const other = await elsewhere.newPage();
  await logIn(other, username, OLD_PASSWORD);
  await other.waitForURL(`${server.baseURL}/`);
  await expect.poll(() => mainNav(other)).toContain(username);

  // Change the password from the header's Account link: a wrong current password first.
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Account" })
    .click();
  await page.waitForURL("**/account");
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect.poll(() => page.getByText("Your current password is wrong.").isVisible()).toBe(true);
  await page.getByLabel("Current password").fill(OLD_PASSWORD);
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect
    .poll(() => page.getByRole("status").textContent())
    .toMatch(/Your password was changed/);

  // The other browser is logged out; this one is not.
  await other.reload();
  await expect.poll(() => other.getByRole("link", { name: "Log in" }).isVisible()).toBe(true);
  await page.goto(`${server.baseURL}/history`);
  expect(page.url()).toMatch(/\/history$/);
  // The old password is refused, the new one accepted.
  await logIn(other, username, OLD_PASSWORD);
  await expect.poll(() => other.getByText("Username or password is wrong.").isVisible()).toBe(true);
  await logIn(other, username, NEW_PASSWORD);
  await other.waitForURL(`${server.baseURL}/`);

  // Delete the account, from /settings this time.
  await page.goto(`${server.baseURL}/settings`);
  await page.getByRole("link", { name: "Account" }).last().click();
  await page.waitForURL("**/account");
  await page.getByRole("link", { name: /Delete your account/ }).click();
  await page.waitForURL("**/account/delete");
  await expect
    .poll(() => page.getByText(/1 round, with every question asked/).isVisible())
    .toBe(true);
  await page.getByLabel("Your password, to confirm").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Delete my account and all its data" }).click();
  await page.waitForURL(`${server.baseURL}/`);
  await expect
    .poll(() => page.getByRole("status").textContent())
    .toMatch(/Your account and all its data were deleted/);
  await expect.poll(() => page.getByRole("link", { name: "Log in" }).isVisible()).toBe(true);
  await other.reload();
  await expect.poll(() => other.getByRole("link", { name: "Log in" }).isVisible()).toBe(true);

  expect(rowCounts()).toEqual(before);
  expect(consoleErrors).toEqual([]);
  await here.close();
  await elsewhere.close();
}

test("with JavaScript: sign up, change the password, delete the account; every table back where it was", async () => {
  await accountFlow(true);
});

test("without JavaScript: the same, with plain form posts", async () => {
  await accountFlow(false);
});
