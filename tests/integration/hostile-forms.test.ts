import { beforeEach, describe, expect, test } from "vitest";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { action as preferencesAction } from "~/routes/preferences/route";
import { action as practiseQuestionAction } from "~/routes/questions.$questionId/route";
import { action as startSelectionAction } from "~/routes/questions._index/route";
import { action as newQuestionAction } from "~/routes/questions.new/route";
import { action as queueAction } from "~/routes/practice-queue/route";
import { action as readinessAction } from "~/routes/readiness/route";
import { action as newRoundAction } from "~/routes/rounds.new/route";
import { action as settingsAction } from "~/routes/settings/route";
import { action as practiseStoryAction } from "~/routes/stories.$storyId.practise/route";
import { action as themeAction } from "~/routes/theme/route";
import { ownQuestion, questionForm } from "../utils/questions";
import type { TestUser } from "../utils/review";
import { createSignedInUser, post, run } from "../utils/routes";
import { writeStory } from "../utils/stories";

/*
 * Every form moved to Conform parses through parseSubmission: a post of tens
 * of thousands of fields (repeats of one list's name, and names no form has)
 * and a megabyte value is refused quickly, and what comes back is bounded
 * (100 values of at most 100,000 characters), never the post itself.
 */

const MEGABYTE = "m".repeat(1024 * 1024);

/** A form's own fields, then 20,000 repeats of `list`, 20,000 made-up names and a megabyte in `big`. */
function hostile(form: Record<string, string | string[]>, list: string, big: string) {
  return {
    ...form,
    [list]: Array.from({ length: 20_000 }, (_, i) => `v${i}`),
    ...Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`junk${i}`, "x"])),
    [big]: MEGABYTE,
  };
}

type Action = (args: LoaderFunctionArgs) => unknown;

let alice: TestUser;
let storyId: string;
beforeEach(async () => {
  alice = await createSignedInUser("hostile");
  storyId = await writeStory(alice);
});

const cases: [string, Action, string, () => Record<string, string>, string, string][] = [
  ["preferences", preferencesAction, "/preferences", () => ({}), "lowAnxiety", "readAloud"],
  ["settings", settingsAction, "/settings", () => ({}), "intent", "intent"],
  [
    "readiness's matrix",
    readinessAction,
    "/readiness",
    () => ({ intent: "self-scores" }),
    "skill",
    "score",
  ],
  [
    "a new round",
    newRoundAction,
    "/rounds/new",
    () => ({ band: "3-5", count: "2" }),
    "kinds",
    "minutes",
  ],
  ["the queue", queueAction, "/practice-queue", () => ({}), "intent", "intent"],
  [
    "ticked questions",
    startSelectionAction,
    "/questions?index",
    () => ({ intent: "start" }),
    "ids",
    "intent",
  ],
  [
    "practising a question",
    practiseQuestionAction,
    "/questions/explain-docker",
    () => ({}),
    "intent",
    "intent",
  ],
  [
    "practising a story",
    practiseStoryAction,
    "/stories/:storyId/practise",
    () => ({}),
    "intent",
    "intent",
  ],
  [
    "the YAML question form",
    newQuestionAction,
    "/questions/new",
    () => questionForm(ownQuestion("hostile")) as Record<string, string>,
    "bands",
    "prompt",
  ],
];

describe("a hostile post to a Conform form", () => {
  test.each(cases)(
    "%s: refused within seconds, its reply bounded",
    { timeout: 30_000 },
    async (_name, action, path, form, list, big) => {
      const url = path.replace(":storyId", storyId);
      const started = performance.now();
      const outcome = await run(
        action,
        post(url, hostile(form(), list, big), { cookie: alice.cookie }),
        { questionId: "explain-docker", storyId },
      );
      const ms = performance.now() - started;
      expect(outcome.status).toBe(400);
      expect(ms).toBeLessThan(5_000);
      const reply = JSON.stringify(outcome.data);
      // Far below the 1 MB value and the 40,000 fields posted: at most one value cut to 100,000 characters.
      expect(reply.length).toBeLessThan(150_000);
      expect(reply).not.toContain("junk19999");
    },
  );

  test("the theme switch refuses it with a plain 400", async () => {
    const outcome = await run(
      themeAction,
      post("/theme", hostile({ theme: "dark" }, "theme", "redirectTo"), { cookie: alice.cookie }),
    );
    expect(outcome.status).toBe(400);
    expect(outcome.data).toBe("Choose light, dark or system.");
  });
});
