import { describe, expect, test } from "vitest";
import { countWords, deliveryMetrics } from "./delivery";

const fillersOf = (transcript: string) =>
  Object.fromEntries(deliveryMetrics({ transcript, durationSeconds: 60 }).fillers.byWord.map((f) => [f.word, f.count]));
const hedgesOf = (transcript: string) =>
  Object.fromEntries(deliveryMetrics({ transcript, durationSeconds: 60 }).hedges.byWord.map((f) => [f.word, f.count]));

describe("speaking time and pace", () => {
  test("from segments: the sum of the segments, not the gaps; words over that time", () => {
    const metrics = deliveryMetrics({
      transcript: "ignored when segments are given",
      segments: [
        { start: 0, end: 10, text: " one two three four five six seven eight nine ten" },
        { start: 13, end: 23, text: " one two three four five six seven eight nine ten" },
      ],
      durationSeconds: 30,
    });
    expect(metrics).toMatchObject({ source: "segments", speakingSeconds: 20, words: 20, wordsPerMinute: 60 });
    expect(metrics.longPauses).toEqual({ count: 1, longestSeconds: 3, atSeconds: [10] });
  });

  test("without segments: the recording's length stands in, and there are no pauses to find", () => {
    const metrics = deliveryMetrics({ transcript: "word ".repeat(150), durationSeconds: 60 });
    expect(metrics).toMatchObject({ source: "duration", speakingSeconds: 60, words: 150, wordsPerMinute: 150, longPauses: { count: 0 } });
  });

  test("too little speech for a rate says so rather than a wild number", () => {
    expect(deliveryMetrics({ transcript: "Yes.", durationSeconds: 1 }).wordsPerMinute).toBeNull();
    expect(deliveryMetrics({ transcript: "", durationSeconds: null }).wordsPerMinute).toBeNull();
  });

  test("gaps under two seconds are not long pauses; overlapping segments are not negative gaps", () => {
    const metrics = deliveryMetrics({
      transcript: "",
      segments: [
        { start: 0, end: 5, text: "a" },
        { start: 6.9, end: 9, text: "b" },
        { start: 8.5, end: 12, text: "c" },
        { start: 14, end: 15, text: "d" },
      ],
    });
    expect(metrics.longPauses).toEqual({ count: 1, longestSeconds: 2, atSeconds: [12] });
  });

  test("counts words with apostrophes and numbers once", () => {
    expect(countWords("We didn't scale past 10,000 users — p95 was 120 ms.")).toBe(11);
  });
});

describe("fillers", () => {
  test("um and uh in their spellings", () => {
    expect(fillersOf("Um, so, umm, the cache, uh, uhh, erm, expires")).toEqual({ um: 3, uh: 2 });
  });

  test("“you know” as a filler, not as a question or a statement", () => {
    expect(fillersOf("It was, you know, slow. You know, the index was missing.")).toEqual({ "you know": 2 });
    expect(fillersOf("Do you know what an index is? If you know the key, look it up.")).toEqual({});
    expect(fillersOf("You know how caches work.")).toEqual({});
  });

  test("“like” as a filler, not as a verb or a comparison", () => {
    expect(fillersOf("It was, like, really slow. Like, we had no alerts. And like we never paged anyone.")).toEqual({ like: 3 });
    expect(fillersOf("I like Postgres. It behaves like a queue. We would like to shard. Something like 20 ms.")).toEqual({});
  });

  test("examples quote a few words around each one", () => {
    const metrics = deliveryMetrics({ transcript: "The first thing we did was, um, roll back the deploy and page the team.", durationSeconds: 10 });
    expect(metrics.fillers.byWord[0]).toEqual({ word: "um", count: 1, examples: ["…thing we did was, um, roll back the deploy…"] });
    expect(metrics.fillers).toMatchObject({ total: 1, perMinute: 6 });
  });
});

describe("hedges", () => {
  test("“kind of” and “sort of” hedge; naming a kind does not", () => {
    expect(hedgesOf("It was kind of slow and sort of worked.")).toEqual({ "kind of": 1, "sort of": 1 });
    expect(hedgesOf("What kind of index? A sort of queue. This kind of thing.")).toEqual({});
    expect(hedgesOf("Kind of. It sort of did.")).toEqual({ "kind of": 1, "sort of": 1 });
  });
});
