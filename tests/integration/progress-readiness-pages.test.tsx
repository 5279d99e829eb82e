import { eq } from "drizzle-orm";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, expect, test, vi } from "vitest";
import { roundQuestions } from "../../db/schema";
import { getDb } from "~/db.server";
import { updatePreferences } from "~/preferences/preferences.server";
import { loader as rootLoader } from "~/root";
import ProgressPage, { loader as progressLoader } from "~/routes/progress/route";
import { action as practiseAction } from "~/routes/questions.$questionId/route";
import ReadinessPage, {
  action as readinessAction,
  loader as readinessLoader,
} from "~/routes/readiness/route";
import { action as questionAction } from "~/routes/rounds.$roundId.questions.$position._index/route";
import { createSignedInUser, get, post, run } from "../utils/routes";
import {
  answerRound,
  backdateRound,
  GOOD_ANSWER,
  startQuestion,
  type TestUser,
} from "../utils/review";

/**
 * Issue 17, bug 8: /progress plots attempts (not one dot per day), leads with
 * the weakest criteria and skills and an overall trend line; /readiness leads
 * with one figure for the target and its top three gaps. The pages rendered
 * from what their real loaders return.
 */
let loaderData: unknown;
let rootData: unknown;
let lowAnxiety = false;
vi.mock("~/components/use-low-anxiety", () => ({ useLowAnxiety: () => lowAnxiety }));
vi.mock("@remix-run/react", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@remix-run/react")>()),
  // No root data unless a test sets it: dates in UTC, as for a browser that has not reported its time zone.
  useRouteLoaderData: () => rootData,
  useLoaderData: () => loaderData,
  useActionData: () => undefined,
  Link: ({ to, children }: { to: string; children: ReactNode }) => <a href={to}>{children}</a>,
  Form: ({ children, className }: { children: ReactNode; className?: string }) => (
    <form className={className}>{children}</form>
  ),
}));

interface Point {
  n: number;
  at: number;
  score: number;
}
interface Summary {
  key: string;
  name: string;
  attempts: number;
  recent: number;
  average: number;
  change: number | null;
}
interface Chart extends Summary {
  points: Point[];
  trend: { from: number; to: number; direction: string } | null;
}
interface ProgressData {
  progress: {
    answers: number;
    overall: Omit<Chart, "points"> & { points: (Point & { title: string; roundId: string })[] };
    criteria: Summary[];
    skills: Summary[];
    criteriaCharts: Chart[];
    skillCharts: Chart[];
  } | null;
}
interface ReadinessData {
  figure: { percent: number; words: string; measured: number };
  gaps: { skill: string; gap: number | null }[];
  others: string[];
  matrix: { skill: string; gap: number | null; measured: number | null; attempts: number }[];
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

async function progressPage(who: TestUser, query = "") {
  const outcome = await run(progressLoader, get(`/progress${query}`, who.cookie));
  expect(outcome.status).toBe(200);
  loaderData = outcome.data;
  return { html: renderToStaticMarkup(<ProgressPage />), data: outcome.data as ProgressData };
}

async function readinessPage(who: TestUser) {
  const outcome = await run(readinessLoader, get("/readiness", who.cookie));
  expect(outcome.status).toBe(200);
  loaderData = outcome.data;
  return { html: renderToStaticMarkup(<ReadinessPage />), data: outcome.data as ReadinessData };
}

/** One round of one bank question, started through its page's "Practise" button and answered. */
async function practise(who: TestUser, questionId: string, answer: string, when?: Date) {
  const started = await run(
    practiseAction,
    post(`/questions/${questionId}`, { intent: "practise" }, { cookie: who.cookie }),
    { questionId },
  );
  expect(started.status).toBe(302);
  const roundId = started.location!.split("/")[2]!;
  await answerRound(who, roundId, [answer]);
  if (when) backdateRound(roundId, when);
  return roundId;
}

const WEAK = "Resources and verbs.";
const MIDDLING =
  "REST models resources identified by URIs, like /orders/42. GET reads a resource and POST creates one.";

let alice: TestUser;
let bob: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
  lowAnxiety = false;
  rootData = undefined;
});

test("two attempts at the same question on the same day are two points, overall and per criterion and skill", async () => {
  const day = new Date("2026-05-04T09:00:00Z");
  await practise(alice, "explain-rest-apis", WEAK, day);
  await practise(alice, "explain-rest-apis", GOOD_ANSWER, new Date(day.getTime() + 3_600_000));
  await practise(bob, "explain-rest-apis", GOOD_ANSWER, day);

  const { data, html } = await progressPage(alice, "?charts=all");
  const p = data.progress!;
  expect(p.answers).toBe(2);
  expect(p.overall.points).toHaveLength(2);
  expect(p.overall.points.map((pt) => pt.n)).toEqual([1, 2]);
  expect(p.overall.points.every((pt) => pt.title === "Explain REST APIs")).toBe(true);
  // Oldest first: the weak answer, then the good one an hour later.
  expect(p.overall.points[0]!.score).toBeLessThan(p.overall.points[1]!.score);
  for (const chart of [...p.criteriaCharts, ...p.skillCharts]) {
    expect(chart.points, chart.name).toHaveLength(2);
    expect(chart.attempts, chart.name).toBe(2);
  }
  expect(p.skillCharts.map((s) => s.key).sort()).toEqual(["api-design", "http", "rest-api"]);
  // Drawn: a dot per attempt on the overall chart and on each series' chart.
  const charts = 1 + p.criteriaCharts.length + p.skillCharts.length;
  expect(count(html, 'class="dot"')).toBe(2 * charts);
  expect(count(html, "<svg")).toBe(charts);
});

test("the overall trend line rises through rising scores and falls through falling ones", async () => {
  const start = Date.parse("2026-03-02T10:00:00Z");
  const at = (days: number) => new Date(start + days * 86_400_000);
  await practise(alice, "explain-rest-apis", WEAK, at(0));
  await practise(alice, "explain-rest-apis", MIDDLING, at(1));
  await practise(alice, "explain-rest-apis", GOOD_ANSWER, at(1));
  await practise(alice, "explain-rest-apis", GOOD_ANSWER, at(2));
  await practise(bob, "explain-rest-apis", GOOD_ANSWER, at(0));
  await practise(bob, "explain-rest-apis", WEAK, at(1));

  const { data, html } = await progressPage(alice);
  const overall = data.progress!.overall;
  expect(overall.points.map((pt) => pt.n)).toEqual([1, 2, 3, 4]);
  expect(overall.trend).toMatchObject({ direction: "rising" });
  expect(overall.trend!.to).toBeGreaterThan(overall.trend!.from);
  expect(overall.change).toBeGreaterThan(0);
  // The line is drawn from the first attempt's fitted score up to the last one's (a smaller y is higher).
  const line =
    /<line class="trend trend-rising" x1="[\d.]+" y1="([\d.]+)" x2="[\d.]+" y2="([\d.]+)"/.exec(
      html,
    );
  expect(line).not.toBeNull();
  expect(Number(line![2])).toBeLessThan(Number(line![1]));
  expect(text(html)).toMatch(/Trend over every attempt: rising, from \d\.\d to \d\.\d/);

  const bobs = (await progressPage(bob)).data.progress!.overall;
  expect(bobs.trend).toMatchObject({ direction: "falling" });
  expect(bobs.trend!.to).toBeLessThan(bobs.trend!.from);
});

test("the page leads with the weakest criteria and skills, weakest first, then the overall chart, then the full tables", async () => {
  await practise(alice, "explain-rest-apis", GOOD_ANSWER, new Date("2026-02-02T10:00:00Z"));
  await practise(alice, "production-incident", WEAK, new Date("2026-02-03T10:00:00Z"));
  await practise(alice, "database-indexes", MIDDLING, new Date("2026-02-04T10:00:00Z"));

  const { data, html } = await progressPage(alice);
  const p = data.progress!;
  const page = text(html);
  const order = [
    "Where you are weakest",
    "Overall score, attempt by attempt",
    "Rubric criteria, weakest first",
    "Skills, weakest first",
  ].map((heading) => page.indexOf(heading));
  expect(order.every((i) => i >= 0)).toBe(true);
  expect(order).toEqual([...order].sort((a, b) => a - b));

  // The summary's three criteria and three skills are the weakest, in order of weakness.
  const weakestOf = (list: Summary[]) =>
    [...list].sort(
      (a, b) => a.recent - b.recent || b.attempts - a.attempts || a.name.localeCompare(b.name),
    );
  expect(p.criteria).toEqual(weakestOf(p.criteria));
  expect(p.skills).toEqual(weakestOf(p.skills));
  const summary = html.slice(
    html.indexOf("Where you are weakest"),
    html.indexOf("Overall score, attempt by attempt"),
  );
  const listed = [...summary.matchAll(/<a href="#(criterion|skill)-([^"]+)">/g)].map(
    (m) => `${m[1]}-${m[2]}`,
  );
  expect(listed).toEqual([
    ...p.criteria.slice(0, 3).map((c) => `criterion-${c.key}`),
    ...p.skills.slice(0, 3).map((s) => `skill-${s.key}`),
  ]);
  // Each links to its chart further down the page.
  for (const id of listed) expect(html).toContain(`<figure id="${id}"`);
  // The weakest criterion is weaker than the strongest one, and the full table still lists every criterion.
  expect(p.criteria[0]!.recent).toBeLessThan(p.criteria.at(-1)!.recent);
  const table = html.slice(html.indexOf("Rubric criteria, weakest first</caption>"));
  for (const c of p.criteria) expect(table).toContain(`>${c.name.replace(/&/g, "&amp;")}</th>`);
});

test("charts are SVG with classes only, a title, a description and a table; score bands are named in words", async () => {
  await practise(alice, "explain-rest-apis", WEAK, new Date("2026-02-02T10:00:00Z"));
  await practise(alice, "explain-rest-apis", GOOD_ANSWER, new Date("2026-02-03T10:00:00Z"));
  const { html } = await progressPage(alice);
  expect(html).not.toMatch(/\sstyle=/);
  const svgs = html.match(/<svg[\s\S]*?<\/svg>/g)!;
  expect(svgs.length).toBeGreaterThan(1);
  for (const svg of svgs) {
    expect(svg).toMatch(/role="img"/);
    expect(svg).toMatch(/<title id="[^"]+">[^<]+, attempt by attempt<\/title>/);
    expect(svg).toMatch(
      /<desc id="[^"]+">Attempts 1 to 2, 2 Feb 2026 to 3 Feb 2026: \d\.\d \/ 5 at first, \d\.\d \/ 5 most recently; the trend is (rising|falling|steady)/,
    );
    for (const word of ["Strong", "Good", "Fair", "Developing", "Early days"])
      expect(svg).toContain(`>${word}</text>`);
  }
  // The text alternative: every charted attempt with its date and score in a table.
  expect(text(html)).toMatch(/The newest|Every attempt as a table/);
  expect(text(html)).toMatch(/1 2 Feb 2026 Explain REST APIs \d\.\d \/ 5/);
});

test("low-anxiety mode: the charts and the summary carry words, no score numbers", async () => {
  updatePreferences(alice.user.id, { lowAnxiety: true });
  lowAnxiety = true;
  await practise(alice, "explain-rest-apis", WEAK, new Date("2026-02-02T10:00:00Z"));
  await practise(alice, "explain-rest-apis", GOOD_ANSWER, new Date("2026-02-03T10:00:00Z"));
  const { html, data } = await progressPage(alice, "?charts=all");
  const names = [...data.progress!.criteria, ...data.progress!.skills].map((s) => s.name);
  const page = names
    .sort((a, b) => b.length - a.length)
    .reduce((t, name) => t.split(name).join(" "), text(html));
  expect(page).not.toMatch(/\b[1-5](?:\.\d)?\s*\/\s*5\b/);
  expect(page).not.toMatch(/\b\d\.\d\b/);
  expect(page).toMatch(/the trend is (rising|falling|steady)/);
});

test("skipped and not-assessed answers are in no point, no trend and no readiness figure", async () => {
  await practise(alice, "explain-rest-apis", GOOD_ANSWER, new Date("2026-02-02T10:00:00Z"));
  // Skipped on purpose, and an answer the grader could not assess (not English): neither counts.
  const skipped = await run(
    practiseAction,
    post("/questions/explain-rest-apis", { intent: "practise" }, { cookie: alice.cookie }),
    { questionId: "explain-rest-apis" },
  );
  const skippedRound = skipped.location!.split("/")[2]!;
  await startQuestion(alice, skippedRound, 1);
  const skip = await run(
    questionAction,
    post(
      `/rounds/${skippedRound}/questions/1`,
      { intent: "skip", answer: "" },
      { cookie: alice.cookie },
    ),
    { roundId: skippedRound, position: "1" },
  );
  expect(skip.status).toBe(302);
  await practise(
    alice,
    "explain-rest-apis",
    "REST ist ein Architekturstil für APIs über HTTP. Ressourcen werden über URIs identifiziert, und die HTTP-Methoden wie GET und POST beschreiben die Aktion.",
  );

  const p = (await progressPage(alice, "?charts=all")).data.progress!;
  expect(p.answers).toBe(1);
  expect(p.overall.points).toHaveLength(1);
  expect(p.overall.trend).toBeNull();
  for (const chart of [...p.criteriaCharts, ...p.skillCharts]) expect(chart.points).toHaveLength(1);
  const r = (await readinessPage(alice)).data;
  expect(r.matrix.find((s) => s.skill === "rest-api")).toMatchObject({ attempts: 1 });
  expect(r.figure.measured).toBe(r.matrix.filter((s) => s.attempts > 0).length);
});

test("readiness leads with one figure for the target and exactly three gaps, each with a Practise button; the matrix below", async () => {
  const { html, data } = await readinessPage(alice);
  const page = text(html);
  expect(page).toMatch(/Readiness for backend, 3-5 years: 0% just starting/);
  expect(page).toContain("How it is worked out:");
  expect(data.gaps).toHaveLength(3);
  // One Practise button per gap, then one drop-down for any other skill: not a button per skill.
  expect(count(html, '<button type="submit" name="gap"')).toBe(3);
  expect(html.match(/>Practise (?!another)[^<]+<\/button>/g)).toHaveLength(3);
  expect(count(html, 'name="gap"')).toBe(4);
  expect(data.others.length).toBe(data.matrix.length - 3);
  // The matrix follows the figure and the gaps, folded away, every skill still rated there.
  expect(page.indexOf("Readiness for backend")).toBeLessThan(page.indexOf("Your top three gaps"));
  expect(page.indexOf("Your top three gaps")).toBeLessThan(page.indexOf("Skill matrix"));
  expect(html).toMatch(/<details class="matrix-details"><summary>/);
  expect(count(html, '<select id="self-')).toBe(data.matrix.length);
  // Two drop-downs for the target, one to practise another skill, one per skill in the matrix.
  expect(count(html, "<select")).toBe(3 + data.matrix.length);
});

test("the readiness figure moves with self-ratings and graded answers, and the gaps are the three most urgent", async () => {
  const rated = await run(
    readinessAction,
    post(
      "/readiness",
      {
        intent: "self-scores",
        skill: ["rest-api", "caching", "postgresql"],
        score: ["4", "2", "1"],
      },
      { cookie: alice.cookie },
    ),
  );
  expect(rated.status).toBe(302);
  const before = (await readinessPage(alice)).data;
  expect(before.figure.percent).toBeGreaterThan(0);
  // The largest known gaps lead: PostgreSQL (rated 1, gap 3), then caching (rated 2, gap 2).
  expect(before.gaps.map((g) => g.skill).slice(0, 2)).toEqual(["postgresql", "caching"]);
  expect(before.gaps).toHaveLength(3);

  // The saved matrix is shown open, so the change is in view: the page the redirect leads to
  // has the root loader's notice, read from the cookie the action set.
  const flash = rated.headers.getSetCookie()[0]!.split(";")[0]!;
  rootData = (await run(rootLoader, get("/readiness", `${alice.cookie}; ${flash}`))).data;
  expect(rootData).toMatchObject({ notice: { text: "Saved." } });
  loaderData = before;
  expect(renderToStaticMarkup(<ReadinessPage />)).toMatch(
    /<details class="matrix-details" open="">/,
  );
  rootData = undefined;

  await practise(alice, "explain-rest-apis", WEAK);
  const after = (await readinessPage(alice)).data;
  // REST API was rated 4 (ready); a weak graded answer now measures it lower: the figure drops.
  expect(after.matrix.find((s) => s.skill === "rest-api")!.measured).toBeLessThan(4);
  expect(after.figure.percent).toBeLessThan(before.figure.percent);
  expect(after.figure.measured).toBeGreaterThan(0);
});

test("readiness in low-anxiety mode: the figure in words, no percentage and no scale", async () => {
  updatePreferences(alice.user.id, { lowAnxiety: true });
  lowAnxiety = true;
  const { html } = await readinessPage(alice);
  const page = text(html);
  expect(page).toMatch(/Readiness for backend, 3-5 years: just starting/);
  expect(page).not.toMatch(/\d+%|\/ 5|\(1-5\)/);
});

test("a round's snapshot decides the skills and criterion names its attempt counts under", async () => {
  const roundId = await practise(alice, "explain-rest-apis", GOOD_ANSWER);
  const row = getDb()
    .select()
    .from(roundQuestions)
    .where(eq(roundQuestions.roundId, roundId))
    .get()!;
  expect(row.question.skills).toContain("rest-api");
  const p = (await progressPage(alice)).data.progress!;
  expect(p.skills.map((s) => s.key).sort()).toEqual([...row.question.skills].sort());
  expect(p.criteria.map((c) => c.name).sort()).toEqual(
    row.question.rubric.map((c) => c.name).sort(),
  );
});
