import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { ownQuestion, questionForm } from "../utils/questions";
import { axeViolations } from "./axe";
import { browserForThisFile, signUp } from "./browser";

/**
 * Every page, in every state a user meets it (empty, with a validation error,
 * graded, 404), passes axe-core's WCAG 2.0/2.1 A and AA rules and its best
 * practices (headings in order, one main landmark, content in landmarks)
 * with zero violations, contrast included, in the light theme and in the dark
 * one the system asks for; and at a phone's 390 px no page scrolls sideways.
 */

const baseURL = inject("baseURL");
const browser = browserForThisFile();
const PHONE_WIDTH = 390;

const ANSWER =
  "REST models the domain as resources such as /orders/42, identified by URIs, and clients exchange JSON representations. " +
  "The HTTP method carries the intent: GET reads, POST creates and DELETE removes, and GET is idempotent so it is safe to retry.";

const STORY_ANSWER =
  "Situation: our checkout API started failing at 2am and the error rate hit 18%. Task: I was on call and owned the recovery. " +
  "Action: I rolled back the deploy, added a canary check and wrote the postmortem. Result: errors fell under 0.5% within 12 minutes.";
const STORY_TITLE = "Checkout outage at 2am";
const OWN_SLUG = "explain-consumer-lag";

/** Ids of the records the signed-in pages show, created once through HTTP. */
interface Fixture {
  roundId: string;
  /** A round whose question 2 is open (its clock running): reopened before each theme's and the phone's checks. */
  openRoundId: string;
  skippedRoundId: string;
  questionId: string;
  storyId: string;
  /** A story with only a title: every quality flag shows. */
  flaggedStoryId: string;
  /** A behavioural question opened, not answered: the story bank's suggestions show. */
  behaviouralRoundId: string;
  /** A behavioural question answered and graded: "Save as story" shows. */
  gradedBehaviouralRoundId: string;
  gradedBehaviouralAnswerId: string;
}

interface PageCheck {
  name: string;
  signedIn: boolean;
  /** Signed in as a user who has nothing yet, for the empty states. */
  newcomer?: boolean;
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
  {
    name: "new round, with the ready rounds",
    signedIn: true,
    path: () => "/rounds/new",
    prepare: async (page) => {
      await expect
        .poll(() => page.getByRole("button", { name: "Start Behavioural STAR" }).isVisible())
        .toBe(true);
    },
  },
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
    path: (f) => `/rounds/${f.openRoundId}/questions/2`,
  },
  {
    name: "answer page, empty answer refused",
    signedIn: true,
    path: (f) => `/rounds/${f.openRoundId}/questions/2`,
    prepare: async (page) => {
      await page.getByRole("button", { name: "Submit answer" }).click();
      await expect
        .poll(() =>
          page.getByText("Write an answer before submitting, or skip the question.").count(),
        )
        .toBe(1);
    },
  },
  {
    name: "answer page, skipped",
    signedIn: true,
    path: (f) => `/rounds/${f.skippedRoundId}/questions/1`,
  },
  {
    name: "start page (a follow-up opened from another site)",
    signedIn: true,
    path: (f) => `/rounds/${f.roundId}/questions/1/start?slot=2`,
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
    name: "answer page, behavioural, with story suggestions",
    signedIn: true,
    path: (f) => `/rounds/${f.behaviouralRoundId}/questions/1`,
    prepare: async (page) => {
      const suggestions = page.getByRole("region", { name: "Stories that fit" });
      await expect
        .poll(() => suggestions.getByRole("link", { name: STORY_TITLE }).isVisible())
        .toBe(true);
    },
  },
  {
    name: "answer page, behavioural, telling a story",
    signedIn: true,
    path: (f) => `/rounds/${f.behaviouralRoundId}/questions/1`,
    prepare: async (page) => {
      const suggestions = page.getByRole("region", { name: "Stories that fit" });
      const tell = suggestions.getByRole("button", {
        name: `I'm telling this story: ${STORY_TITLE}`,
      });
      await tell.click();
      await suggestions.getByText(`You are telling “${STORY_TITLE}”`).waitFor();
    },
  },
  {
    name: "answer page, behavioural, graded, with Save as story",
    signedIn: true,
    path: (f) => `/rounds/${f.gradedBehaviouralRoundId}/questions/1`,
    prepare: async (page) => {
      await expect
        .poll(() => page.getByRole("link", { name: "Save as story" }).isVisible())
        .toBe(true);
    },
  },
  {
    name: "round report, behavioural, with Save as story",
    signedIn: true,
    path: (f) => `/rounds/${f.gradedBehaviouralRoundId}/report`,
  },
  { name: "story bank, empty", signedIn: true, newcomer: true, path: () => "/stories" },
  {
    name: "coverage matrix, empty",
    signedIn: true,
    newcomer: true,
    path: () => "/stories/matrix",
  },
  { name: "story bank, with stories", signedIn: true, path: () => "/stories" },
  {
    name: "story bank, searched",
    signedIn: true,
    path: () => "/stories?q=outage&competency=incident",
  },
  {
    name: "story bank, an invalid search",
    signedIn: true,
    path: () => "/stories?competency=Not%20a%20competency",
    status: 400,
  },
  {
    name: "story bank, after a deletion",
    signedIn: true,
    path: () => "/stories",
    prepare: async (page) => {
      // A story written for the purpose and deleted from its page: the bank then shows the notice.
      const written = await postForm(page, "/stories/new", { title: "A story to delete" });
      await page.goto(`${baseURL}${written.pathname}/delete`, { waitUntil: "networkidle" });
      await page.getByRole("button", { name: "Delete story permanently" }).click();
      await page.getByRole("status").getByText("The story was deleted.").waitFor();
    },
  },
  { name: "new story", signedIn: true, path: () => "/stories/new" },
  {
    name: "new story, with a validation error",
    signedIn: true,
    path: () => "/stories/new",
    prepare: async (page) => {
      await page.getByLabel("Title").fill(" ");
      await page.getByRole("button", { name: "Save story" }).click();
      await page.getByText("Give the story a title.").waitFor();
    },
  },
  {
    name: "new story, from a graded answer",
    signedIn: true,
    path: (f) => `/stories/new?answer=${f.gradedBehaviouralAnswerId}`,
  },
  { name: "a story", signedIn: true, path: (f) => `/stories/${f.storyId}` },
  {
    name: "a story, just saved",
    signedIn: true,
    path: (f) => `/stories/${f.storyId}/edit`,
    prepare: async (page) => {
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.getByRole("status").getByText("The story is saved.").waitFor();
    },
  },
  {
    name: "a story, with quality flags",
    signedIn: true,
    path: (f) => `/stories/${f.flaggedStoryId}`,
    prepare: async (page) => {
      await expect
        .poll(() => page.getByText("The result is missing.", { exact: false }).count())
        .toBe(1);
    },
  },
  { name: "edit a story", signedIn: true, path: (f) => `/stories/${f.storyId}/edit` },
  {
    name: "delete a story (asks first)",
    signedIn: true,
    path: (f) => `/stories/${f.storyId}/delete`,
  },
  { name: "practise a story", signedIn: true, path: (f) => `/stories/${f.storyId}/practise` },
  { name: "coverage matrix", signedIn: true, path: () => "/stories/matrix" },
  { name: "questions", signedIn: true, path: () => "/questions" },
  {
    name: "questions, filtered",
    signedIn: true,
    path: () => "/questions?kind=behavioural&band=3-5&source=bank",
  },
  { name: "questions, your own", signedIn: true, path: () => "/questions?source=mine" },
  {
    name: "questions, an invalid filter",
    signedIn: true,
    path: () => "/questions?kind=nonsense",
    status: 400,
  },
  {
    name: "questions, a round started with none ticked",
    signedIn: true,
    path: () => "/questions",
    prepare: async (page) => {
      await page.getByRole("button", { name: "Start a round with these" }).click();
      // A document post (the form also downloads exports): a full page load, so wait for it.
      await page.getByText("Tick at least one question to start a round.").waitFor();
    },
  },
  {
    name: "one of your own questions",
    signedIn: true,
    path: () => `/questions/custom-${OWN_SLUG}`,
  },
  { name: "new question", signedIn: true, path: () => "/questions/new" },
  {
    name: "new question, with errors",
    signedIn: true,
    path: () => "/questions/new",
    prepare: async (page) => {
      await page.getByRole("button", { name: "Save question" }).click();
      await page.locator("[aria-invalid=true]").first().waitFor();
    },
  },
  {
    name: "new question, a criterion added",
    signedIn: true,
    path: () => "/questions/new",
    prepare: async (page) => {
      await page.getByRole("button", { name: "Add criterion" }).click();
      await page.getByRole("group", { name: "Criterion 4", exact: true }).waitFor();
    },
  },
  {
    name: "new question, the YAML editor",
    signedIn: true,
    path: () => "/questions/new?editor=yaml",
  },
  {
    name: "edit your question",
    signedIn: true,
    path: () => `/questions/custom/${OWN_SLUG}/edit`,
  },
  {
    name: "edit your question, the YAML editor",
    signedIn: true,
    path: () => `/questions/custom/${OWN_SLUG}/edit?editor=yaml`,
  },
  {
    name: "delete your question (asks first)",
    signedIn: true,
    path: () => `/questions/custom/${OWN_SLUG}/delete`,
  },
  { name: "import a pack", signedIn: true, path: () => "/questions/import" },
  {
    name: "import a pack, an invalid pack",
    signedIn: true,
    path: () => "/questions/import",
    prepare: async (page) => {
      await page.getByLabel("Pack file").setInputFiles({
        name: "broken.json",
        mimeType: "application/json",
        buffer: Buffer.from(JSON.stringify({ pack: 1, questions: [{ id: "Not A Slug" }] })),
      });
      await page.getByRole("button", { name: "Import pack" }).click();
      await page.getByText("was not imported").waitFor();
    },
  },
  {
    name: "404, a story that does not exist",
    signedIn: true,
    path: () => "/stories/no-such-story",
    status: 404,
  },
  {
    name: "404, a round that does not exist",
    signedIn: true,
    path: () => "/rounds/no-such-round/report",
    status: 404,
  },
  { name: "404, signed in", signedIn: true, path: () => "/no-such-page", status: 404 },
];

let signedIn: BrowserContext;
let signedOut: BrowserContext;
let newcomer: BrowserContext;
let fixture: Fixture;

/** A form post as the browser sends it, repeated fields included; returns the URL it ended at after redirects. */
async function postForm(
  page: Page,
  path: string,
  fields: Record<string, string | string[]>,
): Promise<URL> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  const response = await page.request.post(`${baseURL}${path}`, {
    data: body.toString(),
    headers: { Origin: baseURL, "Content-Type": "application/x-www-form-urlencoded" },
  });
  expect(response.status(), `POST ${path} ended at ${response.url()}`).toBe(200);
  return new URL(response.url());
}

/** Starts a round of the bank's production-incident question; returns its id. */
async function behaviouralRound(page: Page): Promise<string> {
  const url = await postForm(page, "/questions/production-incident", { intent: "practise" });
  const roundId = /^\/rounds\/([^/]+)\/questions\/1$/.exec(url.pathname)?.[1];
  if (!roundId) throw new Error(`Practising ended at ${url.pathname}`);
  return roundId;
}

/**
 * Opens a fresh round's question 2 and a fresh behavioural question, for the
 * checks that need a running clock: run after the light theme's checks, the
 * fixture's own clocks (3 and 6 minutes) may have run out on a busy machine.
 */
async function reopenClocks(): Promise<void> {
  const page = await signedIn.newPage();
  try {
    const started = await postForm(page, "/rounds/new", {
      kinds: "concept",
      count: "2",
      minutes: "10",
    });
    const openRoundId = /^\/rounds\/([^/]+)\/questions\/1$/.exec(started.pathname)?.[1];
    if (!openRoundId) throw new Error(`Starting a round ended at ${started.pathname}`);
    await postForm(page, `/rounds/${openRoundId}/questions/1`, { intent: "skip", answer: "" });
    await postForm(page, `/rounds/${openRoundId}/questions/2/start`, {});
    fixture.openRoundId = openRoundId;
    fixture.behaviouralRoundId = await behaviouralRound(page);
  } finally {
    await page.close();
  }
}

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
  // "Answer follow-up 1" and "Next question": the POSTs that start their clocks (a page view never does).
  await postForm(page, `/rounds/${roundId}/questions/1/start?slot=1`, {});
  await postForm(page, `/rounds/${roundId}/questions/2/start`, {});
  await page.goto(`${baseURL}/rounds/${roundId}/report`);
  const href = await page.locator('a[href^="/questions/"]').first().getAttribute("href");
  const questionId = href?.split("/")[2];
  if (!questionId) throw new Error("The report links to no question page");

  // The story bank: a story that fits the production-incident question.
  const saved = await postForm(page, "/stories/new", {
    title: STORY_TITLE,
    situation: "Our checkout API started failing at 2am and the error rate hit 18%.",
    task: "I was on call and owned the recovery.",
    action: "I rolled back the deploy, then I added a canary stage and I wrote the postmortem.",
    result: "Errors fell from 18% to 0.5% within 12 minutes.",
    metric: "error rate 18% -> 0.5%",
    competencies: ["incident", "ownership"],
    ownCompetencies: "on-call",
    skills: ["devops"],
  });
  const storyId = /^\/stories\/([^/]+)$/.exec(saved.pathname)?.[1];
  if (!storyId) throw new Error(`Saving a story ended at ${saved.pathname}`);

  const flagged = await postForm(page, "/stories/new", { title: "Half-written story" });
  const flaggedStoryId = /^\/stories\/([^/]+)$/.exec(flagged.pathname)?.[1];
  if (!flaggedStoryId) throw new Error(`Saving a story ended at ${flagged.pathname}`);

  // One behavioural question left open (suggestions show), one answered and graded.
  const behaviouralRoundId = await behaviouralRound(page);
  const gradedBehaviouralRoundId = await behaviouralRound(page);
  await postForm(page, `/rounds/${gradedBehaviouralRoundId}/questions/1`, {
    intent: "submit",
    answer: STORY_ANSWER,
  });
  await page.goto(`${baseURL}/rounds/${gradedBehaviouralRoundId}/questions/1`);
  const saveHref = await page.getByRole("link", { name: "Save as story" }).getAttribute("href");
  const gradedBehaviouralAnswerId = /[?&]answer=([^&]+)/.exec(saveHref ?? "")?.[1];
  if (!gradedBehaviouralAnswerId) throw new Error("The graded answer offers no Save as story");

  // A question of one's own.
  const own = await postForm(
    page,
    "/questions/new",
    questionForm(ownQuestion(OWN_SLUG, { kind: "behavioural", competencies: ["incident"] })),
  );
  expect(own.pathname).toBe(`/questions/custom-${OWN_SLUG}`);

  // A question skipped on purpose.
  const skipped = await page.request.post(`${baseURL}/rounds/new`, {
    form: { kinds: "concept", count: "1" },
    headers,
  });
  const skippedRoundId = /\/rounds\/([^/]+)\/questions\/1$/.exec(
    new URL(skipped.url()).pathname,
  )?.[1];
  if (!skippedRoundId) throw new Error(`Starting a round ended at ${skipped.url()}`);
  await postForm(page, `/rounds/${skippedRoundId}/questions/1`, { intent: "skip", answer: "" });

  fixture = {
    skippedRoundId,
    roundId,
    openRoundId: "",
    questionId,
    storyId,
    flaggedStoryId,
    behaviouralRoundId,
    gradedBehaviouralRoundId,
    gradedBehaviouralAnswerId,
  };
  await page.close();
  await reopenClocks();

  newcomer = await browser().newContext({ bypassCSP: true });
  const fresh = await newcomer.newPage();
  await signUp(fresh, baseURL);
  await fresh.close();
});

afterAll(async () => {
  await signedIn?.close();
  await signedOut?.close();
  await newcomer?.close();
});

/** Opens a page as its check says, in the given theme and width, and checks it loaded where expected. */
async function openChecked(
  check: PageCheck,
  { colorScheme, width }: { colorScheme: "light" | "dark"; width?: number },
): Promise<Page> {
  const context = check.newcomer ? newcomer : check.signedIn ? signedIn : signedOut;
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme });
  if (width) await page.setViewportSize({ width, height: 844 });
  const response = await page.goto(`${baseURL}${check.path(fixture)}`, {
    waitUntil: "networkidle",
  });
  expect(response?.status()).toBe(check.status ?? 200);
  const { pathname, search } = new URL(page.url());
  expect(pathname + search).toBe(check.path(fixture));
  await check.prepare?.(page);
  return page;
}

// Both themes: the light one, and the dark one the system asks for (`prefers-color-scheme: dark`).
for (const colorScheme of ["light", "dark"] as const) {
  describe(`${colorScheme} theme`, () => {
    if (colorScheme === "dark") beforeAll(reopenClocks);
    for (const check of PAGES) {
      const suffix = colorScheme === "dark" ? " (dark theme)" : "";
      test(`axe finds no WCAG A/AA violation: ${check.name}${suffix}`, async () => {
        const page = await openChecked(check, { colorScheme });
        try {
          if (colorScheme === "dark") {
            // The check must really run on the dark theme: the page's background is dark.
            const background = await page.evaluate(
              () => getComputedStyle(document.documentElement).backgroundColor,
            );
            expect(background, "the page has a background of its own").not.toMatch(/, 0\)$/);
            expect(luminance(background), `page background ${background}`).toBeLessThan(0.1);
          }
          expect(await axeViolations(page)).toEqual([]);
        } finally {
          await page.close();
        }
      });
    }
  });
}

/** The relative luminance (0 black to 1 white) of a computed `rgb(...)` colour. */
function luminance(rgb: string): number {
  const [r = 0, g = 0, b = 0] = (rgb.match(/[\d.]+/g) ?? []).map(Number).map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

// A phone (390 px, an iPhone 14's width): no page scrolls sideways.
describe("390 px", () => {
  beforeAll(reopenClocks);
  for (const check of PAGES) {
    test(`no sideways scrolling at 390 px: ${check.name}`, async () => {
      const page = await openChecked(check, { colorScheme: "light", width: PHONE_WIDTH });
      try {
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        expect(innerWidth).toBe(PHONE_WIDTH);
        expect(scrollWidth, `${scrollWidth - innerWidth} px too wide`).toBeLessThanOrEqual(
          innerWidth,
        );
      } finally {
        await page.close();
      }
    });
  }
});

test("the graded answer page really shows a grade and probes (so its check above covers them)", async () => {
  const page = await signedIn.newPage();
  await page.goto(`${baseURL}/rounds/${fixture.roundId}/questions/1`);
  await expect
    .poll(() => page.getByRole("heading", { name: "Follow-up questions" }).count())
    .toBe(1);
  expect(await page.getByRole("table", { name: "Scores per rubric criterion" }).count()).toBe(1);
  await page.close();
});
