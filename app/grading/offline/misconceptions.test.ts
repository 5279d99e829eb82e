import { describe, expect, it } from "vitest";
import { findMisconceptions } from "./misconceptions";
import { keyText } from "./phrase-match";
import { compileRubric } from "./rubric-index";
import { sentenceFeatures } from "./sentence-features";
import { question } from "./test-helpers";
import { analyseText } from "./text-analysis";

const rubric = compileRubric(question("explain-rest-apis"));

function claims(answer: string): string[] {
  const keyed = keyText(analyseText(answer), rubric.lexicon);
  return findMisconceptions(rubric, keyed, keyed.sentences.map(sentenceFeatures)).map((m) => m.misconception.claim);
}

describe("findMisconceptions", () => {
  it("catches a stated misconception, with typos and extra words", () => {
    expect(claims("POST is idempotent, so retry anything.")).toContain("POST is idempotent.");
    expect(claims("REST really requires JSON.")).toContain("REST requires JSON.");
    expect(claims("POST is idmepotnet.")).toEqual([]); // two edits: not the same word
    expect(claims("POST is idempotnet.")).toContain("POST is idempotent.");
  });

  it("ignores negated claims", () => {
    expect(claims("POST is not idempotent, so a create needs an idempotency key.")).toEqual([]);
    expect(claims("POST isn't idempotent.")).toEqual([]);
    expect(claims("REST doesn't require JSON.")).toEqual([]);
  });

  it("ignores claims reported as wrong or held at arm's length", () => {
    expect(claims("A common myth is that REST requires JSON.")).toEqual([]);
    expect(claims("The URL stays a noun rather than /createOrder.")).toEqual([]);
  });
});
