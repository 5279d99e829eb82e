import { describe, expect, it } from "vitest";
import { FuzzyLexicon } from "./fuzzy";
import { keyText } from "./phrase-match";
import { sentenceFeatures } from "./sentence-features";
import { analyseStar } from "./star";
import { analyseText } from "./text-analysis";

function star(text: string) {
  const keyed = keyText(analyseText(text), new FuzzyLexicon([]));
  return analyseStar(keyed, keyed.sentences.map(sentenceFeatures));
}

describe("analyseStar", () => {
  it("finds all four parts, ownership, a number and a lesson in a complete story", () => {
    const result = star(
      "Last year at my previous company our checkout service started timing out during a sale. " +
        "I was the on-call engineer, so it was my job to restore it. " +
        "I checked the dashboards, I found a slow query from that morning's deploy and I rolled it back. " +
        "As a result the error rate dropped from 20% to under 1% within 15 minutes. " +
        "I learned to look at recent changes first, and since then I add a rollback plan to every release.",
    );
    expect(result.present).toEqual(["situation", "task", "action", "result"]);
    expect(result.ownership).toBe(1);
    expect(result.metrics).toBeGreaterThan(0);
    expect(result.hasLesson).toBe(true);
  });

  it("notices a 'we' story with no number and no lesson", () => {
    const result = star(
      "We had an outage once. We looked at the logs. We restarted the database and it was fine.",
    );
    expect(result.iActions).toBe(0);
    expect(result.weActions).toBeGreaterThan(0);
    expect(result.metrics).toBe(0);
    expect(result.hasLesson).toBe(false);
    expect(result.missing).toContain("task");
  });

  it("counts watching, learning and feeling as no action of the candidate's own", () => {
    const result = star(
      "The team rolled back the release. I followed the incident channel and I learned a lot. " +
        "I felt proud of how we handled it, and the lesson I took away is to stay calm.",
    );
    expect(result.iActions).toBe(0);
    // "Followed up" is something done, not watched.
    expect(star("I followed up with the vendor the same afternoon.").iActions).toBe(1);
  });
});
