import { describe, expect, it } from "vitest";
import { assessKeyPoints, type Coverage } from "./key-points";
import { keyText } from "./phrase-match";
import { compileRubric } from "./rubric-index";
import { sentenceFeatures } from "./sentence-features";
import { question } from "./test-helpers";
import { analyseText } from "./text-analysis";

const rubric = compileRubric(question("explain-rest-apis"));

function coverageOf(answer: string, keyPointId: string): Coverage {
  const keyed = keyText(analyseText(answer), rubric.lexicon);
  const results = assessKeyPoints(rubric, keyed, keyed.sentences.map(sentenceFeatures), new Set());
  return results.find((r) => r.keyPoint.id === keyPointId)?.coverage ?? "missed";
}

describe("assessKeyPoints", () => {
  it("credits a point in full only when it is explained", () => {
    expect(
      coverageOf(
        "PUT is idempotent, so a client can safely retry it after a timeout.",
        "idempotency",
      ),
    ).toBe("explained");
    expect(coverageOf("The PUT method is idempotent in HTTP.", "idempotency")).toBe("stated");
    expect(coverageOf("PUT is idempotent.", "idempotency")).toBe("named");
    expect(
      coverageOf("REST: resources, URIs, idempotency, caching, JSON, GraphQL.", "idempotency"),
    ).toBe("listed");
    expect(coverageOf("REST is about resources.", "idempotency")).toBe("missed");
  });

  it("keeps a point explained when a plain statement elsewhere earns as much credit", () => {
    // Sentence 0 states the point in the rubric's words (0.5); sentence 1 explains it in other words, a
    // near match by meaning (0.45): the point stays explained, from sentence 1, at the higher credit.
    const keyed = keyText(
      analyseText(
        "The PUT method is idempotent in HTTP. Sending the same replacement twice leaves the server as it was, so a client can send it again after a timeout.",
      ),
      rubric.lexicon,
    );
    const k = rubric.keyPoints.findIndex((kp) => kp.id === "idempotency");
    const meaning = keyed.sentences.map((_, s) =>
      rubric.keyPoints.map((_, j) => (s === 1 && j === k ? 0.345 : 0)),
    );
    const results = assessKeyPoints(
      rubric,
      keyed,
      keyed.sentences.map(sentenceFeatures),
      new Set(),
      meaning,
    );
    const point = results[k]!;
    expect(point).toMatchObject({ coverage: "explained", sentence: 1 });
    expect(point.credit).toBeCloseTo(0.5, 5);
  });

  it("gives nothing for a point named only to be denied", () => {
    expect(
      coverageOf(
        "The server is not stateless, because it keeps a session for every user.",
        "stateless",
      ),
    ).toBe("missed");
  });
});
