import type { ReactNode } from "react";
import type { RecordingView } from "~/voice/recording-view";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, expect, test, vi } from "vitest";
import {
  ReportQuestion,
  type ReportQuestionData,
} from "~/routes/rounds.$roundId.report/report-question";
import { ProgressOverall } from "~/routes/progress/progress-overall";
import { WeakestSummary } from "~/routes/progress/progress-weakest";
import { SeriesFigure, type SeriesChartData } from "~/routes/progress/series-figure";
import { SeriesOverview } from "~/routes/progress/series-overview";
import { updatePreferences } from "~/preferences/preferences.server";
import { loader as progressLoader } from "~/routes/progress/route";
import { loader as markdownLoader } from "~/routes/rounds.$roundId.export[.md]/route";
import { loader as reportLoader } from "~/routes/rounds.$roundId.report/route";
import { createSignedInUser, get, run } from "../utils/routes";
import { STORY_ANSWER, takeRound, type TestUser } from "../utils/review";

// The pages' components rendered from what the real loaders return, as the low-anxiety user sees them.
vi.mock("~/components/use-low-anxiety", () => ({ useLowAnxiety: () => true }));
vi.mock("@remix-run/react", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@remix-run/react")>()),
  // No root data: dates in UTC, as for a browser that has not reported its time zone.
  useRouteLoaderData: () => undefined,
  Link: ({ to, children }: { to: string; children: ReactNode }) => <a href={to}>{children}</a>,
  Form: ({ children }: { children: ReactNode }) => <form>{children}</form>,
}));

/** A score as a number, in any of the ways the app or a grader writes one ("3/5", "3.4 / 5", "4 out of 5"). */
const SCORE_NUMBER = /\b[1-5](?:\.\d)?\s*(?:\/|out of)\s*5\b|Capped from \d/;
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

let alice: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("alice");
  updatePreferences(alice.user.id, { lowAnxiety: true });
});

test("the round report and its Markdown export carry no score number, the grader's sentences included", async () => {
  const concept = await takeRound(alice, { count: 2 });
  const story = await takeRound(alice, { kinds: ["behavioural"], answers: [STORY_ANSWER] });
  for (const roundId of [concept, story]) {
    const report = (
      await run(reportLoader, get(`/rounds/${roundId}/report`, alice.cookie), { roundId })
    ).data as { questions: ReportQuestionData[]; recordings: Record<string, RecordingView> };
    const page = text(
      renderToStaticMarkup(
        <>
          {report.questions.map((q) => (
            <ReportQuestion
              key={q.position}
              roundId={roundId}
              q={q}
              recordings={report.recordings}
            />
          ))}
        </>,
      ),
    );
    expect(page).toContain("How it went");
    expect(page).not.toMatch(SCORE_NUMBER);

    const markdown = (
      await run(markdownLoader, get(`/rounds/${roundId}/export.md`, alice.cookie), { roundId })
    ).data as string;
    expect(markdown).toContain("| Criterion | How it went | What earned it | Why |");
    expect(markdown).not.toMatch(SCORE_NUMBER);
  }
});

test("progress: every series in words", async () => {
  await takeRound(alice, { count: 2 });
  const { progress } = (await run(progressLoader, get("/progress?charts=all", alice.cookie)))
    .data as {
    progress: {
      overall: Parameters<typeof ProgressOverall>[0]["overall"];
      criteria: SeriesChartData[];
      skills: SeriesChartData[];
      criteriaCharts: SeriesChartData[];
    };
  };
  const page = text(
    renderToStaticMarkup(
      <>
        <WeakestSummary
          criteria={progress.criteria.slice(0, 3)}
          skills={progress.skills.slice(0, 3)}
        />
        <ProgressOverall overall={progress.overall} />
        <SeriesOverview caption="Criteria" label="Criterion" series={progress.criteria} />
        {progress.criteriaCharts.map((s) => (
          <SeriesFigure key={s.key} id={s.key} series={s} />
        ))}
      </>,
    ),
  );
  expect(page).not.toMatch(SCORE_NUMBER);
  // No average such as "3.4" either, once the criteria's own names ("HTTP/1.1, HTTP/2 and HTTP/3")
  // and the questions' titles ("Explain OAuth 2.0 and OpenID Connect") are set aside.
  const names = [
    ...progress.criteria.map((s) => s.name),
    ...progress.skills.map((s) => s.name),
    ...progress.overall.points.map((p) => p.title),
  ];
  // Longest first: a skill's label ("OAuth") inside a title must not break the title apart.
  const withoutNames = names
    .sort((a, b) => b.length - a.length)
    .reduce((t, name) => t.split(name).join(" "), page);
  expect(withoutNames).not.toMatch(/\b\d\.\d\b/);
});
