import { createRequire } from "node:module";
import type { AxeResults } from "axe-core";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { browserForThisFile, signUp } from "./browser";

/**
 * Every page, in every state a user meets it (empty, with a validation error,
 * graded, 404), passes axe-core's WCAG 2.0/2.1 A and AA rules and its best
 * practices (headings in order, one main landmark, content in landmarks)
 * with zero violations.
 */

const baseURL = inject("baseURL");
const browser = browserForThisFile();
const AXE_PATH = createRequire(import.meta.url).resolve("axe-core");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

const ANSWER =
  "REST models the domain as resources such as /orders/42, identified by URIs, and clients exchange JSON representations. " +
  "The HTTP method carries the intent: GET reads, POST creates and DELETE removes, and GET is idempotent so it is safe to retry.";

/** Ids of the records the signed-in pages show, created once through HTTP. */
interface Fixture {
  roundId: string;
  questionId: string;
}

interface PageCheck {
  name: string;
  signedIn: boolean;
  path: (f: Fixture) => string;
  /** Brings the page into the state to check (a shown error, say) after it has loaded. */
  prepare?: (page: Page) => Promise<void>;
  /** The status the page loads with (200 unless said), so a check never passes on the wrong page. */
  status?: number;
}

/** One list of every page; a new page is one more entry. */
const PAGES: PageCheck[] = [
  { name: "home, signed out", signedIn: false, path: () => "/" },
  { name: "log in", signedIn: false, path: () => "/login" },
  {
    name: "log in, wrong password",
    signedIn: false,
    path: () => "/login",
    prepare: async (page) => {
      await page.getByLabel("Username").fill("nobody-by-this-name");
      await page.getByLabel("Password").fill("not the password at all");
      await page.getByRole("button", { name: "Log in" }).click();
      await expect.poll(() => page.getByRole("alert").count()).toBeGreaterThan(0);
    },
  },
  { name: "sign up", signedIn: false, path: () => "/signup" },
  {
    name: "sign up, with validation errors",
    signedIn: false,
    path: () => "/signup",
    prepare: async (page) => {
      await page.getByRole("button", { name: "Sign up" }).click();
      await expect.poll(() => page.locator("[aria-invalid=true]").count()).toBeGreaterThan(0);
    },
  },
  { name: "404, signed out", signedIn: false, path: () => "/no-such-page", status: 404 },
  { name: "home, signed in", signedIn: true, path: () => "/" },
  { name: "new round", signedIn: true, path: () => "/rounds/new" },
  {
    name: "new round, with an error",
    signedIn: true,
    path: () => "/rounds/new",
    prepare: async (page) => {
      // The browser's own checks would stop 0 before the server sees it; the server's message is what is checked here.
      await page
        .locator("form.stack")
        .evaluate((form) => ((form as HTMLFormElement).noValidate = true));
      await page.getByLabel("Number of questions").fill("0");
      await page.getByRole("button", { name: "Start round" }).click();
      await expect.poll(() => page.getByText("Choose at least 1 question.").count()).toBe(1);
    },
  },
  {
    name: "answer page, before submitting",
    signedIn: true,
    path: (f) => `/rounds/${f.roundId}/questions/2`,
  },
  {
    name: "answer page, empty answer refused",
    signedIn: true,
    path: (f) => `/rounds/${f.roundId}/questions/2`,
    prepare: async (page) => {
      await page.getByRole("button", { name: "Submit answer" }).click();
      await expect.poll(() => page.getByText("Write an answer before submitting.").count()).toBe(1);
    },
  },
  {
    name: "answer page, graded with probes",
    signedIn: true,
    path: (f) => `/rounds/${f.roundId}/questions/1`,
  },
  {
    name: "follow-up page",
    signedIn: true,
    path: (f) => `/rounds/${f.roundId}/questions/1/follow-ups/1`,
  },
  { name: "round report", signedIn: true, path: (f) => `/rounds/${f.roundId}/report` },
  {
    name: "delete a round (asks first)",
    signedIn: true,
    path: (f) => `/rounds/${f.roundId}/delete`,
  },
  { name: "history", signedIn: true, path: () => "/history" },
  { name: "progress", signedIn: true, path: () => "/progress" },
  { name: "readiness", signedIn: true, path: () => "/readiness" },
  { name: "re-practice queue", signedIn: true, path: () => "/practice-queue" },
  { name: "preferences", signedIn: true, path: () => "/preferences" },
  { name: "settings", signedIn: true, path: () => "/settings" },
  { name: "one question over time", signedIn: true, path: (f) => `/questions/${f.questionId}` },
  {
    name: "404, a round that does not exist",
    signedIn: true,
    path: () => "/rounds/no-such-round/report",
    status: 404,
  },
  { name: "404, signed in", signedIn: true, path: () => "/no-such-page", status: 404 },
];

interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

async function axeViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (tags) => {
    const { axe } = window as unknown as {
      axe: { run: (context: Document, options: object) => Promise<AxeResults> };
    };
    const results = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`),
    }));
  }, TAGS);
}

let signedIn: BrowserContext;
let signedOut: BrowserContext;
let fixture: Fixture;

beforeAll(async () => {
  // The injected axe script is inline code; the app's Content-Security-Policy rightly refuses that.
  signedIn = await browser().newContext({ bypassCSP: true });
  signedOut = await browser().newContext({ bypassCSP: true });
  const page = await signedIn.newPage();
  await signUp(page, baseURL);
  const headers = { Origin: baseURL };
  const started = await page.request.post(`${baseURL}/rounds/new`, {
    form: { kinds: "concept", count: "2", minutes: "3" },
    headers,
  });
  const roundId = /\/rounds\/([^/]+)\/questions\/1$/.exec(new URL(started.url()).pathname)?.[1];
  if (!roundId) throw new Error(`Starting a round ended at ${started.url()} (${started.status()})`);
  const submitted = await page.request.post(`${baseURL}/rounds/${roundId}/questions/1`, {
    form: { intent: "submit", answer: ANSWER },
    headers,
  });
  expect(submitted.status()).toBe(200);
  await page.goto(`${baseURL}/rounds/${roundId}/report`);
  const href = await page.locator('a[href^="/questions/"]').first().getAttribute("href");
  const questionId = href?.split("/")[2];
  if (!questionId) throw new Error("The report links to no question page");
  fixture = { roundId, questionId };
  await page.close();
});

afterAll(async () => {
  await signedIn?.close();
  await signedOut?.close();
});

for (const check of PAGES) {
  test(`axe finds no WCAG A/AA violation: ${check.name}`, async () => {
    const page = await (check.signedIn ? signedIn : signedOut).newPage();
    try {
      const response = await page.goto(`${baseURL}${check.path(fixture)}`, {
        waitUntil: "networkidle",
      });
      expect(response?.status()).toBe(check.status ?? 200);
      expect(new URL(page.url()).pathname).toBe(check.path(fixture));
      await check.prepare?.(page);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
}

test("the graded answer page really shows a grade and probes (so its check above covers them)", async () => {
  const page = await signedIn.newPage();
  await page.goto(`${baseURL}/rounds/${fixture.roundId}/questions/1`);
  await expect
    .poll(() => page.getByRole("heading", { name: "Follow-up questions" }).count())
    .toBe(1);
  expect(await page.getByRole("table", { name: "Scores per rubric criterion" }).count()).toBe(1);
  await page.close();
});
