import { eq } from "drizzle-orm";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, expect, test, vi } from "vitest";
import { answers } from "../../db/schema";
import { GradeCard } from "~/components/grade-card";
import { getDb } from "~/db.server";
import type { Grade, GradeProvenance } from "~/grading/grade-schema";
import ReportPage, { loader as reportLoader } from "~/routes/rounds.$roundId.report/route";
import { loader as markdownLoader } from "~/routes/rounds.$roundId.export[.md]/route";
import { action as followUpAction } from "~/routes/rounds.$roundId.questions.$position.follow-ups.$slot/route";
import { createSignedInUser, get, post, run } from "../utils/routes";
import { startQuestion, takeRound, type TestUser } from "../utils/review";

// Issue 17, bug 5: the report page rendered from what its real loader returns, beside the Markdown export.
let loaderData: unknown;
vi.mock("~/components/use-low-anxiety", () => ({ useLowAnxiety: () => false }));
vi.mock("@remix-run/react", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@remix-run/react")>()),
  // No root data: dates in UTC, as for a browser that has not reported its time zone.
  useRouteLoaderData: () => undefined,
  useLoaderData: () => loaderData,
  Link: ({ to, children }: { to: string; children: ReactNode }) => <a href={to}>{children}</a>,
  Form: ({ children }: { children: ReactNode }) => <form>{children}</form>,
}));

interface AnswerData {
  id: string;
  submittedAt: string | null;
  grade: { grade: Grade; provenance: GradeProvenance } | null;
}
interface ReportData {
  questions: {
    title: string;
    criteria: { id: string; name: string }[];
    main: AnswerData | null;
    followUps: AnswerData[];
  }[];
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

async function reportPage(who: TestUser, roundId: string) {
  const outcome = await run(reportLoader, get(`/rounds/${roundId}/report`, who.cookie), {
    roundId,
  });
  expect(outcome.status).toBe(200);
  loaderData = outcome.data;
  return { html: renderToStaticMarkup(<ReportPage />), data: outcome.data as ReportData };
}

async function markdown(who: TestUser, roundId: string) {
  const outcome = await run(markdownLoader, get(`/rounds/${roundId}/export.md`, who.cookie), {
    roundId,
  });
  return { status: outcome.status, text: outcome.data as string };
}

/** Moves an answer's start back so it took exactly `seconds` to its submission. */
function tookSeconds(answerId: string, seconds: number) {
  const db = getDb();
  const row = db.select().from(answers).where(eq(answers.id, answerId)).get()!;
  const startedAt = new Date(row.submittedAt!.getTime() - seconds * 1000);
  db.update(answers).set({ startedAt }).where(eq(answers.id, answerId)).run();
}

let alice: TestUser;
let bob: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  bob = await createSignedInUser("bob");
});

test("the page and the Markdown export give the same time used for the same answer", async () => {
  const roundId = await takeRound(alice, { count: 1 });
  await startQuestion(alice, roundId, 1, 1);
  const followUp = await run(
    followUpAction,
    post(
      `/rounds/${roundId}/questions/1/follow-ups/1`,
      {
        intent: "submit",
        answer: "I would store an idempotency key and return the stored result on a retry.",
      },
      { cookie: alice.cookie },
    ),
    { roundId, position: "1", slot: "1" },
  );
  expect(followUp.status).toBe(302);
  const { data } = await reportPage(alice, roundId);
  tookSeconds(data.questions[0]!.main!.id, 23);
  tookSeconds(data.questions[0]!.followUps[0]!.id, 17);

  const page = text((await reportPage(alice, roundId)).html);
  const exported = (await markdown(alice, roundId)).text;
  const onPage = [
    ...page.matchAll(
      /Time used:? (\d+:\d\d(?: of \d+:\d\d)?(?:, plus \d+:\d\d on \d+ follow-ups?)?)/g,
    ),
  ].map((m) => m[1]!);
  const inExport = [...exported.matchAll(/^Time used: (.+)$/gm)].map((m) => m[1]!.trim());
  // The main answer's time against its own clock, the follow-up's apart: never a sum beside the main answer's limit.
  const expected = "0:23 of 5:00, plus 0:17 on 1 follow-up";
  expect(inExport).toEqual([expected]);
  // Once in the summary, once in the question's section.
  expect(onPage).toEqual([expected, expected]);
  expect(exported).toContain(`| ${expected} |`);
});

test("the report opens with its actions and a summary of every question (score, time, link) before any question's details", async () => {
  const roundId = await takeRound(alice, { count: 3, answers: [GOOD, GOOD] });
  const { html, data } = await reportPage(alice, roundId);
  const firstDetails = html.indexOf('id="q-1"');
  const summaryAt = html.indexOf('id="summary"');
  expect(summaryAt).toBeGreaterThan(0);
  expect(summaryAt).toBeLessThan(firstDetails);
  for (const action of ["Export as Markdown", "Delete this round"]) {
    expect(html.indexOf(action)).toBeGreaterThan(0);
    expect(html.indexOf(action)).toBeLessThan(summaryAt);
  }
  const summary = html.slice(summaryAt, firstDetails);
  const items = [...summary.matchAll(/<li>(.*?)<\/li>/g)].map((m) => text(m[1]!).trim());
  expect(items).toHaveLength(3);
  data.questions.forEach((q, i) => {
    expect(summary).toContain(`href="#q-${i + 1}"`);
    expect(items[i]).toContain(q.title);
  });
  const band = "(Strong|Good|Fair|Developing|Early days)";
  expect(items[0]).toMatch(new RegExp(`\\d\\.\\d / 5 · ${band} Time used \\d+:\\d\\d of 5:00$`));
  expect(items[1]).toMatch(new RegExp(`\\d\\.\\d / 5 · ${band} Time used \\d+:\\d\\d of 5:00$`));
  expect(items[2]).toMatch(/not answered Time used —$/);
  // Each question's section is where its summary link points.
  for (const n of [1, 2, 3]) expect(count(html, `id="q-${n}"`)).toBe(1);
});

test("each criterion's feedback appears once: its name in its row, its next step beside it, not again in the lists", async () => {
  const roundId = await takeRound(alice, { count: 1, answers: [THIN] });
  const { data } = await reportPage(alice, roundId);
  const q = data.questions[0]!;
  const grade = q.main!.grade!.grade;
  expect(grade.criteria.length).toBeGreaterThanOrEqual(3);
  // The offline grader names a criterion in its rationale and in its improvements: the bug's repeats.
  const aboutCriteria = grade.improvements.flatMap((s) => {
    const owner = q.criteria.find((c) => s.startsWith(`${c.name}:`) || s.startsWith(`${c.name} (`));
    return owner ? [s.slice(owner.name.length).replace(/^(?: \(\d\/5\))?:\s*/, "")] : [];
  });
  expect(aboutCriteria.length).toBeGreaterThan(0);
  const html = renderToStaticMarkup(
    <GradeCard grade={grade} provenance={q.main!.grade!.provenance} criteria={q.criteria} />,
  );
  const card = text(html);
  // The round's question is drawn at random, and a key point's text may begin with a criterion's name
  // ("Backpressure is needed when…"): the name is counted as its own cell, and never as a prefix.
  for (const c of q.criteria) {
    expect(
      count(text(html.replace(/>([^<]*)</g, (_, t: string) => `>[${t.trim()}]<`)), `[${c.name}]`),
    ).toBe(1);
    expect(card).not.toContain(`${c.name}:`);
    expect(card).not.toMatch(
      new RegExp(`${c.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(\\d/5\\)`),
    );
  }
  // Each next step once, beside its criterion (its first letter is capitalised there).
  for (const step of aboutCriteria) expect(count(card, step.slice(1))).toBe(1);
  expect(card).not.toMatch(/\(\d\/5\):/);
  expect(card).toContain(grade.criteria[0]!.rationale.replace(/^.*?\(\d\/5\):\s*/, ""));

  const exported = (await markdown(alice, roundId)).text;
  const feedback = exported.slice(
    exported.indexOf("### Feedback"),
    exported.indexOf("### Follow-up probes"),
  );
  for (const c of q.criteria) expect(count(feedback, `| ${c.name} |`)).toBe(1);
});

test("another user's report and export are 404s", async () => {
  const roundId = await takeRound(alice);
  const outcome = await run(reportLoader, get(`/rounds/${roundId}/report`, bob.cookie), {
    roundId,
  });
  expect(outcome.status).toBe(404);
  expect((await markdown(bob, roundId)).status).toBe(404);
  expect((await markdown(alice, "x".repeat(500))).status).toBe(404);
});

const GOOD =
  "REST models the domain as resources such as /orders/42 identified by URIs. The HTTP method carries the intent: GET reads and POST creates, " +
  "and GET is idempotent so it is safe to retry. Each request is stateless because it carries its own token, which lets any instance serve it.";
const THIN = "It depends on the situation, I would look at it and decide.";
