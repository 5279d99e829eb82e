// @vitest-environment jsdom
import { Outlet } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { Grade } from "~/grading/grade-schema";
import { OFFLINE_PROVENANCE } from "~/grading/test-provenance";
import { GradeCard } from "./grade-card";

/*
 * The grade card under a real root route: low-anxiety mode reaches it through the root loader's data
 * (useRouteLoaderData("root")), as on the answer page, not through a mocked hook.
 */


const grade: Grade = {
  overall: 3.5,
  criteria: [
    {
      criterionId: "resources",
      score: 4,
      evidence: "Each order has its own address, /orders/42.",
      rationale: "Resources and URIs (4/5): Explained resources.",
      quotes: [],
      spread: null,
      cappedFrom: null,
    },
    {
      criterionId: "caching",
      score: 2,
      evidence: null,
      rationale: "Statelessness and caching (2/5): Did not cover caching.",
      quotes: [],
      spread: null,
      cappedFrom: null,
    },
  ],
  strengths: ["Resources and URIs: explained resources"],
  improvements: ["Statelessness and caching (2/5): say what the server keeps between requests."],
  star: null,
  probes: [{ question: "What would you cache, and for how long?", criterionId: "caching" }],
  flags: { injectionSuspected: false, nonEnglish: false },
  insights: null,
};

const criteria = [
  { id: "resources", name: "Resources and URIs" },
  { id: "caching", name: "Statelessness and caching" },
];

function renderUnderRoot(user: { lowAnxiety: boolean } | null) {
  const Stub = createRemixStub([
    {
      id: "root",
      path: "/",
      loader: () => ({ user }),
      Component: () => <Outlet />,
      children: [
        {
          path: "answer",
          Component: () => <GradeCard grade={grade} provenance={OFFLINE_PROVENANCE} criteria={criteria} />,
        },
      ],
    },
  ]);
  render(<Stub initialEntries={["/answer"]} />);
}

/** A score written as a number: "3.5 / 5", "(4/5)", "2 out of 5". */
const SCORE_NUMBER = /\b[1-5](?:\.\d)?\s*(?:\/|out of)\s*5(?!\d)/;

afterEach(cleanup);

describe("the grade card under the root route", () => {
  it("shows the scores as numbers by default", async () => {
    renderUnderRoot({ lowAnxiety: false });
    await screen.findByText("Resources and URIs", { exact: false });
    expect(document.body.textContent).toMatch(SCORE_NUMBER);
  });

  it("in low-anxiety mode (from the root loader) shows words, no number anywhere, and keeps the feedback", async () => {
    renderUnderRoot({ lowAnxiety: true });
    await screen.findByText("Resources and URIs", { exact: false });
    const text = document.body.textContent ?? "";
    expect(text).not.toMatch(SCORE_NUMBER);
    expect(text).toContain("Next time: Say what the server keeps between requests.");
    expect(text).toContain("Developing");
    expect(text).toContain("Each order has its own address, /orders/42.");
  });

  it("signed out (no user in the root data) it shows numbers, as the default", async () => {
    renderUnderRoot(null);
    await screen.findByText("Resources and URIs", { exact: false });
    expect(document.body.textContent).toMatch(SCORE_NUMBER);
  });
});
