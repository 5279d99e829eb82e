import { describe, expect, it } from "vitest";
import { gradeOffline } from "./grade-offline.server";
import { FuzzyLexicon } from "./fuzzy";
import { keyText } from "./phrase-match";
import { sentenceFeatures } from "./sentence-features";
import { compileRubric } from "./rubric-index";
import { readStoryGrounding } from "./story-grounding";
import { overallOf, question } from "./test-helpers";
import { analyseText } from "./text-analysis";

function grounding(text: string, vocabulary: ReadonlySet<string> = new Set()) {
  const keyed = keyText(analyseText(text), new FuzzyLexicon([]));
  return readStoryGrounding(keyed, keyed.sentences.map(sentenceFeatures), vocabulary);
}

const TOLD =
  "Two years ago our nightly billing job started taking nine hours instead of two, and invoices went out late. " +
  "I had written most of that job, so my manager asked me to look into it. " +
  "First I timed each step and saw that one query ran 40,000 times, once per customer. " +
  "Then I rewrote it as a single query over the whole batch and ran both versions side by side for a week. " +
  "By the Friday the job took 70 minutes, and the finance team said the invoices were on time again. " +
  "Since then I time every batch job before I change it.";

const CLAIMED =
  "I owned the performance initiative end to end and drove alignment across the organisation. " +
  "I spearheaded the optimisation strategy and championed a data-driven culture. " +
  "I reduced latency by 73%, improved throughput 3x and cut infrastructure costs by 45%. " +
  "I established best practices and ensured velocity improved by 60%. " +
  "Result: customer satisfaction rose by 38% and I delivered the outcome ahead of plan.";

const VIEWS =
  "I think performance is really about discipline. My philosophy is that you measure before you optimise. " +
  "I always start with the slowest part of the system. I believe caching is usually the first lever to pull. " +
  "I'm a big believer in load tests before every release. In general, I try to keep things simple.";

describe("readStoryGrounding", () => {
  it("reads a story told in time, with people and particular measurements, as grounded", () => {
    const story = grounding(TOLD);
    expect(story.ungrounded).toBe(false);
    expect(story.narrative).toBeGreaterThan(0.5);
  });

  it("reads résumé verbs and bare percentages with no events as a claimed story", () => {
    const story = grounding(CLAIMED);
    expect(story.ungrounded).toBe(true);
    expect(story.puffery).toBeGreaterThan(1);
    expect(story.claims.size).toBe(5);
  });

  it("reads a told story measured in shares of particular things, with no views in it, as grounded", () => {
    // Each number is a share of something named (searches, time, users), not "improved X by 73%";
    // dev sets 11 and 12 held three such stories, referenced 4-5, that were read as claimed (1.4-1.8).
    const story = grounding(
      "Last spring the slowest 1% of searches on our catalogue took 6 seconds, and the sales team heard about it every week. " +
        "I took it on and set myself a target of one second. " +
        "I pulled traces for a day of slow requests: 85% of their time went to one query that ran once per product. " +
        "I rewrote it as a single query and added an index on the product id. " +
        "I turned it on for 10% of users behind a flag and compared the two groups. " +
        "The slowest 1% of searches fell to 700 ms, and I added an alert on that number.",
    );
    expect(story.stance).toBe(0);
    expect(story.ungrounded).toBe(false);
  });

  it("reads views and habits in place of a story as ungrounded", () => {
    const story = grounding(VIEWS);
    expect(story.stance).toBeGreaterThanOrEqual(0.5);
    expect(story.ungrounded).toBe(true);
  });

  it("reads values and habits of a career, with no event in them, as ungrounded, and a told story's lesson as told", () => {
    // The habits a candidate describes in place of a time it happened ("my approach is", "I make it a
    // priority", "over the years", "the values I bring to every team I join").
    const habits = grounding(
      "Helping people grow is something I'm truly passionate about. " +
        "My approach is to listen first and tailor the advice to the person. " +
        "I make it a priority to give feedback early and kindly. " +
        "Over the years I have coached a lot of people, and most of them grew fast. " +
        "It comes down to patience and trust, and those are the values I bring to every team I join.",
    );
    expect(habits.stance).toBeGreaterThanOrEqual(0.5);
    expect(habits.ungrounded).toBe(true);
    // The same words closing a story of what happened are its lesson, not a stand-in for it.
    const story = grounding(`${TOLD} Over the years I have learned that a timer beats a guess.`);
    expect(story.ungrounded).toBe(false);
  });

  it("reads an answer made of the rubric's own words as talk about the question, not a story", () => {
    const vocabulary = compileRubric(question("performance-improvement")).vocabulary;
    // Nothing happened in it: no service, no people, no particular numbers, only what the rubric asks for.
    const rubricTalk =
      "My performance improvement started by measuring the baseline latency and profiling the bottleneck. " +
      "I optimised the slow query with an index and caching, so throughput and latency improved. " +
      "I verified the improvement with a load test and monitoring, and the result was a measurable improvement. " +
      "The lesson was to measure before optimising and to profile the bottleneck first.";
    const talk = grounding(rubricTalk, vocabulary);
    expect(talk.rubricShare).toBeGreaterThanOrEqual(0.7);
    expect(talk.ungrounded).toBe(true);
    const told = grounding(TOLD, vocabulary);
    expect(told.rubricShare).toBeLessThan(0.6);
    expect(told.ungrounded).toBe(false);
  });

  it("scores a claimed story and a views answer as salad, below the told story", () => {
    const q = question("performance-improvement");
    const grade = (answer: string) =>
      overallOf(
        gradeOffline({
          question: q,
          answer,
          secondsAllowed: q.minutes * 60,
          secondsTaken: 240,
          probe: null,
          askedProbes: [],
        }),
      );
    const told = grade(TOLD);
    expect(grade(CLAIMED)).toBeLessThanOrEqual(2);
    expect(grade(VIEWS)).toBeLessThanOrEqual(2);
    expect(told).toBeGreaterThan(grade(CLAIMED) + 1);
  });
});
