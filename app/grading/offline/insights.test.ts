import { describe, expect, it } from "vitest";
import { gradeOffline } from "./grade-offline.server";
import { question, requestFor } from "./test-helpers";

const rest = question("explain-rest-apis");

describe("insights", () => {
  it("counts fillers, top words, rubric terms and pace", () => {
    const answer =
      "Um, so basically REST is, like, about resources. You know, each resource has a URI, and basically the HTTP method says what to do. " +
      "Caching works because GET responses carry an ETag, and caching takes load off the database.";
    const insights = gradeOffline(requestFor(rest, answer, { secondsTaken: 30 })).insights;
    expect(insights?.wordCount).toBeGreaterThan(30);
    expect(insights?.wordsPerMinute).toBeCloseTo(((insights?.wordCount ?? 0) / 30) * 60, 0);
    const fillers = Object.fromEntries((insights?.fillerWords ?? []).map((f) => [f.word, f.count]));
    expect(fillers).toMatchObject({ basically: 2, um: 1, like: 1, "you know": 1 });
    expect(insights?.topWords.map((w) => w.word)).toContain("caching");
    expect(insights?.termsUsed).toEqual(expect.arrayContaining(["resource", "etag"]));
  });

  it("counts multi-word fillers the reader normalises", () => {
    const insights = gradeOffline(requestFor(rest, "So yeah, REST is about resources, so yeah, each one has a URI.")).insights;
    expect(insights?.fillerWords.find((f) => f.word === "so yeah")?.count).toBe(2);
  });

  it("does not count 'like' used as a preposition", () => {
    const insights = gradeOffline(requestFor(rest, "A tool like Postman sends requests to resources like /orders/42.")).insights;
    expect(insights?.fillerWords.find((f) => f.word === "like")).toBeUndefined();
  });

  it("leaves pace empty when the time taken is unknown", () => {
    expect(gradeOffline(requestFor(rest, "REST uses resources.")).insights?.wordsPerMinute).toBeNull();
  });
});
