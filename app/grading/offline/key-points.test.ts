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
    expect(coverageOf("PUT is idempotent, so a client can safely retry it after a timeout.", "idempotency")).toBe("explained");
    expect(coverageOf("The PUT method is idempotent in HTTP.", "idempotency")).toBe("stated");
    expect(coverageOf("PUT is idempotent.", "idempotency")).toBe("named");
    expect(coverageOf("REST: resources, URIs, idempotency, caching, JSON, GraphQL.", "idempotency")).toBe("listed");
    expect(coverageOf("REST is about resources.", "idempotency")).toBe("missed");
  });

  it("gives nothing for a point named only to be denied", () => {
    expect(coverageOf("The server is not stateless, because it keeps a session for every user.", "stateless")).toBe("missed");
  });
});
