import { describe, expect, test } from "vitest";
import { draftStory, type StoryDraft } from "./story-draft";
import { findMetric } from "./story-metric";

/**
 * "Save as story": an answer read into a story draft. Each case is a whole
 * answer and every field of its draft, so a change to one rule shows what it
 * does to every kind of answer: labelled, told, "we"-heavy, out of order,
 * with and without numbers.
 */
const cases: { name: string; answer: string; draft: StoryDraft }[] = [
  {
    name: "labelled STAR parts land in their fields without the labels",
    answer:
      "Situation: our checkout API started failing at 2am and the error rate hit 18%. Task: I was on call and owned the recovery. " +
      "Action: I rolled back the deploy, added a canary check and wrote the postmortem. Result: errors fell under 0.5% within 12 minutes.",
    draft: {
      title: "Checkout API started failing at 2am",
      situation: "our checkout API started failing at 2am and the error rate hit 18%.",
      task: "I was on call and owned the recovery.",
      action: "I rolled back the deploy, added a canary check and wrote the postmortem.",
      result: "errors fell under 0.5% within 12 minutes.",
      metric: "errors fell under 0.5% within 12 minutes",
    },
  },
  {
    name: "other labels, in bold, one to a line",
    answer: [
      "**Context:** At Acme, our nightly data export to partners kept missing its 6am deadline.",
      "**Goal:** I owned the export and had to get it under an hour.",
      "**What I did:** I split the job into parallel shards and moved the heaviest joins into the warehouse.",
      "**Outcome:** Runtime went from 4 hours to 35 minutes, and partners stopped escalating.",
    ].join("\n"),
    draft: {
      title: "Nightly data export to partners kept missing",
      situation: "At Acme, our nightly data export to partners kept missing its 6am deadline.",
      task: "I owned the export and had to get it under an hour.",
      action:
        "I split the job into parallel shards and moved the heaviest joins into the warehouse.",
      result: "Runtime went from 4 hours to 35 minutes, and partners stopped escalating.",
      metric: "Runtime went from 4 hours to 35 minutes",
    },
  },
  {
    name: "a told story: responsibility, actions, then an outcome with a before and after, and a lesson",
    answer: [
      "Last year at my previous company our payments service went down during Black Friday.",
      "I was the on-call engineer, so I was responsible for getting it back.",
      "I checked the dashboards and saw the database connections were exhausted.",
      "I added PgBouncer and raised the pool limit.",
      "As a result, checkout errors dropped from 12% to 0.2% within 20 minutes.",
      "I learned to load test every release before peak season.",
    ].join(" "),
    draft: {
      title: "Payments service went down during Black Friday",
      situation:
        "Last year at my previous company our payments service went down during Black Friday.",
      task: "I was the on-call engineer, so I was responsible for getting it back.",
      action:
        "I checked the dashboards and saw the database connections were exhausted. I added PgBouncer and raised the pool limit.",
      result:
        "As a result, checkout errors dropped from 12% to 0.2% within 20 minutes. I learned to load test every release before peak season.",
      metric: "checkout errors dropped from 12% to 0.2% within 20 minutes",
    },
  },
  {
    name: "'my responsibility as on-call was' is the task; an action told after an outcome is still an action",
    answer: [
      "In March our search cluster started timing out for every customer in Europe.",
      "My responsibility as on-call was to get search back within the hour and keep the status page honest.",
      "I rolled back the index change from that morning.",
      "Search came back within ten minutes, but the cache hit rate had collapsed.",
      "I wrote a warm-up job that replayed the top queries, and I set up an alert on the hit rate.",
      "The hit rate went from 0.2% to 18% in the first hour and has stayed there since then.",
    ].join(" "),
    draft: {
      title: "Search cluster started timing out",
      situation: "In March our search cluster started timing out for every customer in Europe.",
      task: "My responsibility as on-call was to get search back within the hour and keep the status page honest.",
      action:
        "I rolled back the index change from that morning. I wrote a warm-up job that replayed the top queries, and I set up an alert on the hit rate.",
      result:
        "Search came back within ten minutes, but the cache hit rate had collapsed. The hit rate went from 0.2% to 18% in the first hour and has stayed there since then.",
      metric: "hit rate went from 0.2% to 18%",
    },
  },
  {
    name: "a 'we' story: what we needed to do is the task, what we did the action, and 'down 40%' the metric",
    answer: [
      "We were migrating our billing system from a monolith to services while traffic doubled.",
      "We needed to move every invoice without double-charging anyone.",
      "We wrote a dual-write shim and we backfilled three years of invoices in batches.",
      "We also ran both systems side by side for two weeks and compared every total.",
      "The migration finished a week early with zero double charges, and support tickets about billing were down 40%.",
    ].join(" "),
    draft: {
      title: "Migrating our billing system from a monolith",
      situation:
        "We were migrating our billing system from a monolith to services while traffic doubled.",
      task: "We needed to move every invoice without double-charging anyone.",
      action:
        "We wrote a dual-write shim and we backfilled three years of invoices in batches. We also ran both systems side by side for two weeks and compared every total.",
      result:
        "The migration finished a week early with zero double charges, and support tickets about billing were down 40%.",
      metric: "support tickets about billing were down 40%",
    },
  },
  {
    name: "'it was on me to' is the task; 'it worked … since then' the result; the actions come last; no numbers, no metric",
    answer: [
      "Two months after I joined, the team's release process kept breaking on Fridays.",
      "Nobody owned the pipeline, so it was on me to make releases boring again.",
      "It worked: we have not had a failed Friday release since then.",
      "Along the way I wrote a checklist, I paired with each engineer on their first release and I moved the deploy to Tuesday mornings.",
    ].join(" "),
    draft: {
      title: "Team's release process kept breaking on Fridays",
      situation: "Two months after I joined, the team's release process kept breaking on Fridays.",
      task: "Nobody owned the pipeline, so it was on me to make releases boring again.",
      action:
        "Along the way I wrote a checklist, I paired with each engineer on their first release and I moved the deploy to Tuesday mornings.",
      result: "It worked: we have not had a failed Friday release since then.",
      metric: "",
    },
  },
  {
    name: "'I was responsible for' is the task; 'cut p95 from 900 ms to 120 ms' is the result and its metric",
    answer: [
      "Our product search page felt slow and customers complained in every survey.",
      "I was responsible for the search backend that quarter.",
      "I profiled the slowest queries and found a missing index on the tenant column.",
      "I added the index and cached the facet counts.",
      "That cut p95 latency from 900 ms to 120 ms, and complaints stopped.",
    ].join(" "),
    draft: {
      title: "Product search page felt slow",
      situation: "Our product search page felt slow and customers complained in every survey.",
      task: "I was responsible for the search backend that quarter.",
      action:
        "I profiled the slowest queries and found a missing index on the tenant column. I added the index and cached the facet counts.",
      result: "That cut p95 latency from 900 ms to 120 ms, and complaints stopped.",
      metric: "cut p95 latency from 900 ms to 120 ms",
    },
  },
  {
    name: "'my job was' as the tech lead; a conflict story with no numbers",
    answer: [
      "Two senior engineers on my team disagreed about whether to adopt GraphQL.",
      "As the tech lead, my job was to reach a decision the whole team could live with.",
      "I set up a one-week spike where each of them built the same feature their way.",
      "Then we compared the results against criteria we agreed on up front.",
      "We chose REST with a typed client, and both engineers signed off on it.",
      "Since then the team has used the same spike format for two other decisions.",
    ].join(" "),
    draft: {
      title: "Two senior engineers on my team disagreed",
      situation: "Two senior engineers on my team disagreed about whether to adopt GraphQL.",
      task: "As the tech lead, my job was to reach a decision the whole team could live with.",
      action:
        "I set up a one-week spike where each of them built the same feature their way. Then we compared the results against criteria we agreed on up front. We chose REST with a typed client, and both engineers signed off on it.",
      result: "Since then the team has used the same spike format for two other decisions.",
      metric: "",
    },
  },
  {
    name: "'as the on-call I had to' is the task; a late 'I also added' stays an action; a number the outcome reached is the metric",
    answer: [
      "Our mobile app crashed on launch for users on Android 14 after a release.",
      "As the on-call I had to decide between a hotfix and a rollback.",
      "I halted the staged rollout, reproduced the crash on an emulator and shipped a one-line fix the same evening.",
      "Crash-free sessions recovered to 99.9% the next morning.",
      "I also added an Android 14 device to our pre-release test matrix.",
    ].join(" "),
    draft: {
      title: "Mobile app crashed on launch for users",
      situation: "Our mobile app crashed on launch for users on Android 14 after a release.",
      task: "As the on-call I had to decide between a hotfix and a rollback.",
      action:
        "I halted the staged rollout, reproduced the crash on an emulator and shipped a one-line fix the same evening. I also added an Android 14 device to our pre-release test matrix.",
      result: "Crash-free sessions recovered to 99.9% the next morning.",
      metric: "Crash-free sessions recovered to 99.9%",
    },
  },
];

describe("an answer read into a story draft", () => {
  test.each(cases)("$name", ({ answer, draft }) => {
    expect(draftStory(answer)).toEqual(draft);
  });

  test("the title comes from the story, short, and never ends on a small word", () => {
    for (const { answer, draft } of cases) {
      expect(draft.title.split(" ").length).toBeLessThanOrEqual(7);
      expect(draftStory(answer).title).not.toMatch(/\b(the|a|an|of|for|to|in|on|at|and)$/i);
    }
  });

  test("line breaks inside a part are kept", () => {
    const draft = draftStory(
      "Our queue backed up overnight.\nI drained it by hand.\nI added a dead-letter topic.",
    );
    expect(draft.situation).toBe("Our queue backed up overnight.");
    expect(draft.action).toBe("I drained it by hand.\nI added a dead-letter topic.");
  });

  test("empty or blank answers give an empty draft; one sentence is all situation", () => {
    const empty = { title: "", situation: "", task: "", action: "", result: "", metric: "" };
    expect(draftStory("")).toEqual(empty);
    expect(draftStory(" \n\t ")).toEqual(empty);
    expect(draftStory("Our build broke.")).toEqual({
      ...empty,
      title: "Build broke",
      situation: "Our build broke.",
    });
  });

  test("a very long answer is read without trouble and nothing typed is dropped", () => {
    const sentence = "I moved one more service onto the new cluster and checked its alerts. ";
    const answer = `Our old cluster was end of life. ${sentence.repeat(2000)}Since then nothing has paged.`;
    const draft = draftStory(answer);
    expect(draft.situation).toBe("Our old cluster was end of life.");
    expect(draft.action.length).toBe(sentence.repeat(2000).trim().length);
    expect(draft.result).toBe("Since then nothing has paged.");
    expect(draft.title.length).toBeLessThanOrEqual(60);
  });
});

describe("finding a metric in a sentence", () => {
  test.each([
    ["We cut p95 from 900 ms to 120 ms.", "cut p95 from 900 ms to 120 ms"],
    ["Signups went 0.2% → 18% over the quarter.", "Signups went 0.2% → 18%"],
    ["Pager alerts were down 40% within a month.", "Pager alerts were down 40% within a month"],
    ["We reduced build time by 60%.", "reduced build time by 60%"],
    ["Deploys went from 2 a week to 30 a day.", "Deploys went from 2 a week to 30 a day"],
    ["Costs fell from $12,000 to $4,500 a month.", "Costs fell from $12,000 to $4,500 a month"],
    ["From 2019 to 2021 I worked at Acme.", ""],
    ["Nothing measurable changed.", ""],
    ["", ""],
  ])("%j gives %j", (text, metric) => {
    expect(findMetric(text)).toBe(metric);
  });
});
