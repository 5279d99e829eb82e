import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { Question } from "~/question-bank/question-schema";
import { ownQuestion, questionBuilderForm, questionForm } from "../utils/questions";
import { browserForThisFile, signUp, uniqueUsername } from "./browser";

/**
 * Script typed into every text field comes back as text. The browser runs with
 * the CSP switched off (bypassCSP), so this tests the escaping itself: if any
 * page rendered the payload as HTML, the alert would open a dialog.
 */

const baseURL = inject("baseURL");
const browser = browserForThisFile();

const SCRIPT = "<script>alert(1)</script>";
const ATTRIBUTE = `"><img src=x onerror=alert(1)>`;
const PAYLOADS = [SCRIPT, ATTRIBUTE];
/** What each payload looks like once escaped as HTML text. */
const ESCAPED = ["&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;"];

const ANSWER =
  `REST models resources such as /orders/42 named by URIs ${SCRIPT} and the method carries the intent. ` +
  `GET is idempotent so it is safe to retry ${ATTRIBUTE} and each request is stateless, carrying its own token.`;
const PROBE_ANSWER = `I would keep a ledger keyed by the request token ${SCRIPT} and replay the stored response ${ATTRIBUTE}.`;

/** A field's text: its own words, by which it is found on a page, then both payloads. */
const injected = (words: string) => `${words} ${SCRIPT} ${ATTRIBUTE}`;
/** How React writes a value into an attribute (`value="..."`). */
const asAttribute = (value: string) =>
  value
    .replaceAll("&", "&amp;")
    .replaceAll('"', "&quot;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;");
/** Each payload as the story export writes it: backslash-escaped Markdown, inert as HTML. */
const MARKDOWN_ESCAPED = [
  "\\<script\\>alert(1)\\</script\\>",
  '"\\>\\<img src=x onerror=alert(1)\\>',
];

let context: BrowserContext;
let page: Page;
const dialogs: string[] = [];

beforeAll(async () => {
  context = await browser().newContext({ bypassCSP: true });
  page = await context.newPage();
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

afterAll(async () => {
  await context.close();
});

test("the dialog check can fail: a script that does run is caught", async () => {
  await page.goto(`${baseURL}/login`);
  await page.evaluate(() => alert("canary"));
  expect(dialogs.splice(0)).toEqual(["canary"]);
});

/**
 * No payload became an element on the page as rendered and hydrated: an
 * `<img src=x onerror>` or a `<script>alert(1)</script>` would be in the DOM
 * before it could run, so this needs no waiting for a dialog that might come.
 */
async function expectNoInjectedElements(): Promise<void> {
  const found = await page.evaluate(() => ({
    images: document.querySelectorAll('img[src="x"], [onerror]').length,
    scripts: [...document.scripts].filter((script) => script.textContent?.trim() === "alert(1)")
      .length,
  }));
  expect(found).toEqual({ images: 0, scripts: 0 });
}

/** The server's HTML: no payload raw, and (when `shown`) each one escaped. */
function checkHtml(html: string, { shown }: { shown: boolean }): void {
  for (const payload of PAYLOADS) expect(html).not.toContain(payload);
  expect(html).not.toMatch(/<img src=x/i);
  if (shown) for (const escaped of ESCAPED) expect(html).toContain(escaped);
}

/** Loads `url` as a page and checks the server's HTML. */
async function openAndCheckSource(url: string, { shown }: { shown: boolean }): Promise<void> {
  const response = await page.goto(url);
  checkHtml(await response!.text(), { shown });
  await page.waitForLoadState("load");
}

/** Each text is on the page, readable by a person. */
async function expectVisible(texts: string[]): Promise<void> {
  for (const text of texts) {
    await expect.poll(() => page.getByText(text, { exact: false }).first().isVisible()).toBe(true);
  }
}

/** Each payload is on the page as text a person can read. */
async function expectVisibleText(): Promise<void> {
  for (const payload of PAYLOADS) {
    await expect
      .poll(() => page.getByText(payload, { exact: false }).first().isVisible())
      .toBe(true);
  }
}

test("sign-up and log-in forms give a rejected username back as a value, not markup", async () => {
  for (const [path, button] of [
    ["/signup", "Sign up"],
    ["/login", "Log in"],
  ] as const) {
    for (const payload of PAYLOADS) {
      // Without JavaScript: the server renders the 400 page with the value kept.
      const response = await page.request.post(`${baseURL}${path}`, {
        form: { username: payload, password: "correct horse battery staple" },
        headers: { Origin: baseURL },
      });
      expect(response.status()).toBe(400);
      const html = await response.text();
      expect(html).not.toContain(payload);
      expect(html).toContain(`value="${asAttribute(payload)}"`);

      // With JavaScript: the hydrated form shows the same.
      await page.goto(`${baseURL}${path}`);
      await page.getByLabel("Username").fill(payload);
      await page.getByLabel("Password").fill("correct horse battery staple");
      await page.getByRole("button", { name: button }).click();
      await expect.poll(() => page.getByRole("alert").count()).toBeGreaterThan(0);
      expect(await page.getByLabel("Username").inputValue()).toBe(payload);
    }
  }
  expect(dialogs).toEqual([]);
});

test("query parameters and ids in the URL are never reflected as markup", async () => {
  const q = encodeURIComponent(SCRIPT + ATTRIBUTE);
  await openAndCheckSource(`${baseURL}/login?redirectTo=${q}`, { shown: false });
  expect(await page.locator('#main input[name="redirectTo"]').inputValue()).toBe(
    SCRIPT + ATTRIBUTE,
  );

  await signUp(page, baseURL, uniqueUsername("reflect"));
  for (const url of [
    `${baseURL}/history?from=${q}&to=${q}&skill=${q}&kind=${q}`,
    `${baseURL}/progress?charts=${q}`,
    `${baseURL}/questions/${q}`,
    `${baseURL}/rounds/${q}/report`,
    `${baseURL}/rounds/${q}/questions/${q}`,
  ]) {
    await openAndCheckSource(url, { shown: false });
  }
  expect(dialogs).toEqual([]);
});

test("answers, drafts and follow-up answers are shown as text on every page that shows them", async () => {
  await context.clearCookies();
  await signUp(page, baseURL, uniqueUsername("inject"));
  await page.getByLabel("concept").check();
  await page.getByLabel("REST API").check();
  await page.getByLabel("Number of questions").fill("1");
  await page.getByRole("button", { name: "Start round" }).click();
  await page.waitForURL(/\/questions\/1$/);
  const questionURL = page.url();

  // The draft: saved, then rendered by the server into the textarea after a reload.
  await page.getByLabel("Your answer").fill(ANSWER);
  await expect.poll(() => page.getByText(/Draft saved/).count()).toBe(1);
  await openAndCheckSource(questionURL, { shown: true });
  await expect.poll(() => page.getByLabel("Your answer").inputValue()).toBe(ANSWER);

  // The submitted, graded answer (its text and the grade's quoted evidence).
  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect
    .poll(() => page.getByRole("heading", { name: "Follow-up questions" }).isVisible())
    .toBe(true);
  await expectVisibleText();
  await openAndCheckSource(questionURL, { shown: true });
  await expectVisibleText();

  // A follow-up answer: its draft, then its submitted form.
  const followUpURL = `${questionURL}/follow-ups/1`;
  await page.getByRole("button", { name: "Answer follow-up 1" }).click();
  await page.waitForURL(followUpURL);
  await page.getByLabel("Your answer").fill(PROBE_ANSWER);
  await expect.poll(() => page.getByText(/Draft saved/).count()).toBe(1);
  await openAndCheckSource(followUpURL, { shown: true });
  await expect.poll(() => page.getByLabel("Your answer").inputValue()).toBe(PROBE_ANSWER);
  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect
    .poll(() => page.getByRole("heading", { name: "Your answer" }).isVisible())
    .toBe(true);
  await openAndCheckSource(followUpURL, { shown: true });
  await expectVisibleText();

  // The round report, and the question over time.
  const roundId = /\/rounds\/([^/]+)\//.exec(questionURL)![1]!;
  await openAndCheckSource(`${baseURL}/rounds/${roundId}/report`, { shown: true });
  await expectVisibleText();
  await expect.poll(() => page.getByText(PROBE_ANSWER.slice(0, 40)).count()).toBeGreaterThan(0);
  const questionLink = page.locator('a[href^="/questions/"]').first();
  const questionPage = await questionLink.getAttribute("href");
  expect(questionPage).toMatch(/^\/questions\/[a-z0-9-]+$/);
  await openAndCheckSource(`${baseURL}${questionPage}`, { shown: true });
  await page.locator("summary", { hasText: "Answer from" }).first().click();
  await expectVisibleText();

  // The other pages that list the round render without running anything.
  for (const path of ["/history", "/progress", "/practice-queue", "/readiness", "/"]) {
    await openAndCheckSource(`${baseURL}${path}`, { shown: false });
  }

  // Downloads are never rendered as pages: an attachment, with a declared type the browser may not sniff past.
  for (const [path, type] of [
    [`/rounds/${roundId}/export.md`, "text/markdown"],
    ["/export.json", "application/json"],
  ] as const) {
    const response = await page.request.get(`${baseURL}${path}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain(type);
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["content-disposition"]).toMatch(/^attachment/);
    const body = await response.text();
    if (type === "application/json") {
      // JSON keeps the text exactly as typed: it is data, never rendered.
      expect(body).toContain(JSON.stringify(SCRIPT).slice(1, -1));
    } else {
      // Markdown is rendered by whatever opens it next: the payloads come out escaped, as in the story export.
      for (const payload of PAYLOADS) expect(body).not.toContain(payload);
      for (const escaped of MARKDOWN_ESCAPED) expect(body).toContain(escaped);
    }
  }

  await expectNoInjectedElements();
  expect(dialogs).toEqual([]);
});

const STORY = {
  title: injected("Pager storm"),
  situation: injected("Our checkout API failed at peak and errors hit 18%."),
  task: injected("I was on call and owned the recovery."),
  action: injected("I rolled back the deploy, then I added a canary stage."),
  result: injected("Errors fell from 18% to 0.5% within 12 minutes."),
  metric: injected("error rate 18% to 0.5%"),
};
const STAR_ANSWER =
  `Situation: our checkout API failed at 2am ${SCRIPT} and the error rate hit 18%. Task: I was on call and owned the recovery. ` +
  `Action: I rolled back the deploy ${ATTRIBUTE} and added a canary check. Result: errors fell under 0.5% within 12 minutes.`;

/** The story form's fields filled in the browser: the text fields, "incident" ticked, and the user's own competencies. */
async function fillStoryForm(ownCompetencies: string): Promise<void> {
  await page.getByLabel("Title").fill(STORY.title);
  for (const [label, value] of [
    ["Situation", STORY.situation],
    ["Task", STORY.task],
    ["Action", STORY.action],
    ["Result", STORY.result],
    ["Metric", STORY.metric],
  ] as const) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
  await page.getByLabel("incident", { exact: true }).check();
  await page.getByLabel("Your own competencies").fill(ownCompetencies);
}

test("a story's fields, and a refused competency of one's own, are shown as text on every page that shows them", async () => {
  await context.clearCookies();
  await signUp(page, baseURL, uniqueUsername("story"));

  // A competency of one's own must be a slug, so a payload there is refused: without JavaScript
  // the server renders the 400 page with every value kept, as text and attribute values.
  const refused = await page.request.post(`${baseURL}/stories/new`, {
    form: { ...STORY, competencies: "incident", ownCompetencies: `on-call, ${SCRIPT}` },
    headers: { Origin: baseURL },
  });
  expect(refused.status()).toBe(400);
  const refusedHtml = await refused.text();
  checkHtml(refusedHtml, { shown: true });
  expect(refusedHtml).toContain(`value="${asAttribute(STORY.title)}"`);
  expect(refusedHtml).toContain(`value="${asAttribute(`on-call, ${SCRIPT}`)}"`);

  // With JavaScript: refused, everything typed stays; then saved with a valid competency.
  await page.goto(`${baseURL}/stories/new`);
  await fillStoryForm(ATTRIBUTE);
  await page.getByRole("button", { name: "Save story" }).click();
  await expect
    .poll(() => page.getByText("Write your own competencies as short words").isVisible())
    .toBe(true);
  expect(await page.getByLabel("Your own competencies").inputValue()).toBe(ATTRIBUTE);
  expect(await page.getByLabel("Title").inputValue()).toBe(STORY.title);
  expect(await page.getByLabel("Action", { exact: true }).inputValue()).toBe(STORY.action);
  await page.getByLabel("Your own competencies").fill("on-call");
  await page.getByRole("button", { name: "Save story" }).click();
  await page.waitForURL(/\/stories\/[0-9a-f-]{36}$/);
  await expect.poll(() => page.getByText("The story is saved.").isVisible()).toBe(true);
  const storyPath = new URL(page.url()).pathname;

  // Every page that shows the story, or its title.
  await openAndCheckSource(`${baseURL}${storyPath}`, { shown: true });
  await expectVisible(Object.values(STORY));
  for (const path of [
    "/stories",
    `/stories?q=${encodeURIComponent(SCRIPT)}`,
    "/stories/matrix",
    `${storyPath}/practise`,
    `${storyPath}/delete`,
  ]) {
    await openAndCheckSource(`${baseURL}${path}`, { shown: true });
    await expectVisible([STORY.title]);
  }
  await openAndCheckSource(`${baseURL}${storyPath}/edit`, { shown: true });
  expect(await page.getByLabel("Title").inputValue()).toBe(STORY.title);
  expect(await page.getByLabel("Result", { exact: true }).inputValue()).toBe(STORY.result);

  // The Markdown export: a download, with every field's payload backslash-escaped.
  const exported = await page.request.get(`${baseURL}/stories/export.md`);
  expect(exported.status()).toBe(200);
  expect(exported.headers()["content-type"]).toContain("text/markdown");
  expect(exported.headers()["x-content-type-options"]).toBe("nosniff");
  expect(exported.headers()["content-disposition"]).toMatch(/^attachment/);
  const markdown = await exported.text();
  for (const payload of PAYLOADS) expect(markdown).not.toContain(payload);
  for (const escaped of MARKDOWN_ESCAPED) expect(markdown).toContain(escaped);
  for (const value of Object.values(STORY)) {
    expect(markdown).toContain(value.slice(0, value.indexOf(SCRIPT)).trim());
  }

  // A behavioural question's answer page suggests the story (it shows "incident").
  await page.goto(`${baseURL}/questions/production-incident`);
  await page.getByRole("button", { name: /^Practise this question/ }).click();
  await page.waitForURL(/\/rounds\/[^/]+\/questions\/1$/);
  const answerURL = page.url();
  await openAndCheckSource(answerURL, { shown: true });
  const suggestions = page.getByRole("region", { name: "Stories that fit" });
  await expect
    .poll(() => suggestions.getByRole("link", { name: STORY.title }).isVisible())
    .toBe(true);
  await suggestions.getByRole("button", { name: `I'm telling this story: ${STORY.title}` }).click();
  const telling = `You are telling “${STORY.title}” in this answer.`;
  await expect.poll(() => suggestions.getByText(telling).isVisible()).toBe(true);
  await openAndCheckSource(answerURL, { shown: true });
  await expectVisible([telling]);

  // Graded, then "Save as story": the form is filled from the answer, payloads and all.
  await page.getByLabel("Your answer").fill(STAR_ANSWER);
  await page.getByRole("button", { name: "Submit answer" }).click();
  // Grading runs before the redirect: on a busy machine that takes longer than a poll's second.
  await page.getByRole("link", { name: "Save as story" }).waitFor();
  await page.getByRole("link", { name: "Save as story" }).click();
  await page.waitForURL(/\/stories\/new\?answer=/);
  await openAndCheckSource(page.url(), { shown: true });
  await expect
    .poll(() => page.getByLabel("Situation", { exact: true }).inputValue())
    .toContain(SCRIPT);
  expect(await page.getByLabel("Action", { exact: true }).inputValue()).toContain(ATTRIBUTE);

  // The round's report.
  const roundId = /\/rounds\/([^/]+)\//.exec(answerURL)![1]!;
  await openAndCheckSource(`${baseURL}/rounds/${roundId}/report`, { shown: true });
  await expectVisibleText();

  await expectNoInjectedElements();
  expect(dialogs).toEqual([]);
});

/** A valid question of one's own (the bank's REST rubric underneath) with both payloads in every free-text field. */
function injectedQuestion(id: string): Question {
  const base = ownQuestion(id);
  return {
    ...base,
    title: injected(`Question ${id}`),
    prompt: injected(`Explain consumer lag (${id}) and how you would bring it down.`),
    bands: ["3-5"],
    roles: ["backend"],
    rubric: base.rubric.map((criterion, i) => ({
      ...criterion,
      name: injected(`Criterion ${i + 1}`),
      description: injected(`What a 5 shows on criterion ${i + 1}.`),
      keyPoints: criterion.keyPoints.map((point, j) => ({
        ...point,
        point: injected(`Key point ${i + 1}.${j + 1}`),
        phrasings: [...point.phrasings, injected("phrasing")],
      })),
      misconceptions: criterion.misconceptions.map((m, j) => ({
        ...m,
        claim: injected(`Claim ${i + 1}.${j + 1}`),
        correction: injected(`Correction ${i + 1}.${j + 1}`),
      })),
    })),
    examples: {
      strong: injected(`A strong answer to ${id}`),
      weak: injected(`A weak answer to ${id}`),
    },
    probes: [injected(`First probe on ${id}?`), injected(`Second probe on ${id}?`)],
    tips: [injected(`Tip on ${id}`)],
  };
}

/** What the question page shows before any answer: title, prompt, the rubric's text, the tips. */
function guideTexts(q: Question): string[] {
  return [
    q.title,
    q.prompt,
    ...q.rubric.flatMap((c) => [c.name, c.description, ...c.keyPoints.map((k) => k.point)]),
    ...q.tips,
  ];
}

/** A form body as the browser sends it, repeated fields included. */
function formBody(fields: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return body.toString();
}

const QUESTION_LABELS: [label: string, field: string][] = [
  ["Title", "title"],
  ["The question as the interviewer asks it", "prompt"],
  ["Skills", "skills"],
  ["Competencies (behavioural questions)", "competencies"],
  ["Minutes to answer", "minutes"],
  ["Rubric (YAML)", "rubric"],
  ["A strong answer", "strong"],
  ["A weak answer", "weak"],
  ["Follow-up probes", "probes"],
  ["Tips", "tips"],
];

test("a custom question's fields, and an imported pack's, are shown as text on every page that shows them", async () => {
  await context.clearCookies();
  await signUp(page, baseURL, uniqueUsername("ownq"));
  const question = injectedQuestion("inject-form");
  const form = questionForm(question);
  const text = (field: string) => String(form[field]);

  // A bad id is refused; without JavaScript the server renders every other field back.
  const refused = await page.request.post(`${baseURL}/questions/new`, {
    data: formBody({ ...form, id: "Not A Slug" }),
    headers: { Origin: baseURL, "Content-Type": "application/x-www-form-urlencoded" },
  });
  expect(refused.status()).toBe(400);
  const refusedHtml = await refused.text();
  checkHtml(refusedHtml, { shown: true });
  expect(refusedHtml).toContain(`value="${asAttribute(question.title)}"`);
  expect(refusedHtml).toContain(`>${asAttribute(question.examples.strong)}</textarea>`);
  const refusedBuilder = await page.request.post(`${baseURL}/questions/new`, {
    data: formBody(questionBuilderForm(question, { id: "Not A Slug" })),
    headers: { Origin: baseURL, "Content-Type": "application/x-www-form-urlencoded" },
  });
  expect(refusedBuilder.status()).toBe(400);
  const builderHtml = await refusedBuilder.text();
  checkHtml(builderHtml, { shown: true });
  expect(builderHtml).toContain(`value="${asAttribute(question.rubric[0]!.name)}"`);
  expect(builderHtml).toContain(
    `>${asAttribute(question.rubric[0]!.keyPoints[0]!.point)}</textarea>`,
  );

  // With JavaScript: typed into the YAML form, refused for the id, kept, then saved.
  await page.goto(`${baseURL}/questions/new?editor=yaml`);
  await page.getByLabel("Id", { exact: true }).fill("Not A Slug");
  for (const [label, field] of QUESTION_LABELS) {
    await page.getByLabel(label, { exact: true }).fill(text(field));
  }
  await page.getByRole("button", { name: "Save question" }).click();
  await expect
    .poll(() => page.getByLabel("Id", { exact: true }).getAttribute("aria-invalid"))
    .toBe("true");
  expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe(question.title);
  expect(await page.getByLabel("Tips", { exact: true }).inputValue()).toBe(text("tips"));
  await page.getByLabel("Id", { exact: true }).fill(question.id);
  await page.getByRole("button", { name: "Save question" }).click();
  await page.waitForURL(/\/questions\/custom-inject-form$/);

  // The question's page: the rubric and the tips, shown before answering.
  const questionPath = "/questions/custom-inject-form";
  await openAndCheckSource(`${baseURL}${questionPath}`, { shown: true });
  await expectVisible(guideTexts(question));
  for (const path of [
    "/questions",
    "/questions?source=mine",
    "/questions/custom/inject-form/delete",
  ]) {
    await openAndCheckSource(`${baseURL}${path}`, { shown: true });
    await expectVisible([question.title]);
  }
  // The builder shows each criterion's text as a value; the YAML editor shows the rubric as text.
  await openAndCheckSource(`${baseURL}/questions/custom/inject-form/edit`, { shown: true });
  const firstCriterion = page.getByRole("group", { name: "Criterion 1", exact: true });
  expect(await firstCriterion.getByLabel("Name").inputValue()).toBe(question.rubric[0]!.name);
  await openAndCheckSource(`${baseURL}/questions/custom/inject-form/edit?editor=yaml`, {
    shown: true,
  });
  expect(await page.getByLabel("Rubric (YAML)").inputValue()).toBe(text("rubric"));
  expect(await page.getByLabel("Follow-up probes").inputValue()).toBe(text("probes"));

  // The pack export is a download that gives the text back unchanged.
  const exported = await page.request.get(
    `${baseURL}/questions/export?ids=custom-inject-form&format=json`,
  );
  expect(exported.status()).toBe(200);
  expect(exported.headers()["x-content-type-options"]).toBe("nosniff");
  expect(exported.headers()["content-disposition"]).toMatch(/^attachment/);
  expect(JSON.parse(await exported.text())).toMatchObject({
    pack: 1,
    questions: [{ id: "inject-form", title: question.title, tips: question.tips }],
  });

  // Its answer page, before and after answering (the strong example and the grade then show).
  await page.goto(`${baseURL}${questionPath}`);
  await page.getByRole("button", { name: /^Practise this question/ }).click();
  await page.waitForURL(/\/rounds\/[^/]+\/questions\/1$/);
  const answerURL = page.url();
  await openAndCheckSource(answerURL, { shown: true });
  await expectVisible([question.title, question.prompt]);
  await page
    .getByLabel("Your answer")
    .fill(
      "Lag is the distance between the newest offset and the committed one; I would add consumers.",
    );
  await page.getByRole("button", { name: "Submit answer" }).click();
  await page.getByText("See a strong answer").waitFor();
  await openAndCheckSource(answerURL, { shown: true });
  await page.getByText("See a strong answer").click();
  await expectVisible([question.examples.strong, question.rubric[0]!.name]);
  // The probes are asked (they no longer read the rubric's own text out, payloads and all); the page's
  // HTML was checked above and no injected element is on it; the follow-up page is checked the same way.
  const probes = page.getByRole("region", { name: "Follow-up questions" });
  await expect.poll(() => probes.getByRole("listitem").count()).toBeGreaterThan(0);
  await expectNoInjectedElements();
  await openAndCheckSource(`${answerURL}/follow-ups/1`, { shown: true });
  const roundId = /\/rounds\/([^/]+)\//.exec(answerURL)![1]!;
  await openAndCheckSource(`${baseURL}/rounds/${roundId}/report`, { shown: true });
  await expectVisible([question.title]);

  // An imported pack: its question shows as text on the list and its own page.
  const packed = injectedQuestion("inject-pack");
  await page.goto(`${baseURL}/questions/import`);
  await page.getByLabel("Pack file").setInputFiles({
    name: "injected.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ pack: 1, questions: [packed] })),
  });
  await page.getByRole("button", { name: "Import pack" }).click();
  await page.waitForURL(/\/questions\?source=mine$/);
  await expect
    .poll(() => page.getByText("Imported 1 question from your pack.").isVisible())
    .toBe(true);
  await openAndCheckSource(page.url(), { shown: true });
  await expectVisible([packed.title]);
  await openAndCheckSource(`${baseURL}/questions/custom-inject-pack`, { shown: true });
  await expectVisible(guideTexts(packed));

  // A refused pack lists its problems, which quote a repeated id and the file's name: as text.
  const twice = { ...packed, id: SCRIPT + ATTRIBUTE };
  // The name is markup without "/" (the server keeps only what follows the last one) or "="
  // (the multipart parser cannot read such a name: a 500 today).
  const badPack = {
    name: "<script>alert(1).json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ pack: 1, questions: [twice, twice] })),
  };
  const rejected = await page.request.post(`${baseURL}/questions/import`, {
    multipart: { pack: badPack },
    headers: { Origin: baseURL },
  });
  expect(rejected.status()).toBe(400);
  const rejectedHtml = await rejected.text();
  checkHtml(rejectedHtml, { shown: true });
  expect(rejectedHtml).toContain(`is also the id of question 1`);
  expect(rejectedHtml).toContain(`<strong>${asAttribute(badPack.name)}</strong>`);
  await page.goto(`${baseURL}/questions/import`);
  await page.getByLabel("Pack file").setInputFiles(badPack);
  await page.getByRole("button", { name: "Import pack" }).click();
  await expect.poll(() => page.getByText("was not imported").isVisible()).toBe(true);
  await expectVisible([
    badPack.name,
    `the id “${SCRIPT + ATTRIBUTE}” is also the id of question 1`,
  ]);

  await expectNoInjectedElements();
  expect(dialogs).toEqual([]);
});
