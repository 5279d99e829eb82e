import { describe, expect, it } from "vitest";
import { findMisconceptions, findNearClaims } from "./misconceptions";
import { keyText } from "./phrase-match";
import { compileRubric } from "./rubric-index";
import { claimOverlaps, overlaps } from "./semantic";
import { sentenceFeatures } from "./sentence-features";
import { question } from "./test-helpers";
import { analyseText } from "./text-analysis";

const rubric = compileRubric(question("explain-rest-apis"));

function claims(answer: string): string[] {
  const keyed = keyText(analyseText(answer), rubric.lexicon);
  return findMisconceptions(rubric, keyed, keyed.sentences.map(sentenceFeatures)).map(
    (m) => m.misconception.claim,
  );
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

  it("ignores a claim the sentence only supposes, in its if-clause, but not one it makes after it", () => {
    expect(claims("If you assume POST is idempotent, a retried payment charges twice.")).toEqual([]);
    expect(claims("Unless REST requires JSON, the client must negotiate the format.")).toEqual([]);
    expect(claims("If a request times out, POST is idempotent, so just retry it.")).toContain(
      "POST is idempotent.",
    );
  });
});

describe("findNearClaims", () => {
  const docker = compileRubric(question("explain-docker"));

  function near(answer: string): string[] {
    const keyed = keyText(analyseText(answer), docker.lexicon);
    const features = keyed.sentences.map(sentenceFeatures);
    const stated = findMisconceptions(docker, keyed, features);
    return findNearClaims(
      docker,
      keyed,
      features,
      claimOverlaps(docker, keyed),
      overlaps(docker, keyed),
      stated,
    ).map((m) => m.misconception.claim);
  }

  it("reads a listed misconception said in other words", () => {
    expect(
      near("The newest version is always what the latest tag points at, so shipping it is safe."),
    ).toEqual(["The latest tag always points at the newest version and is safe to deploy."]);
    expect(
      near("The latest tag always points at the newest version, so it is safe to ship."),
    ).toEqual(["The latest tag always points at the newest version and is safe to deploy."]);
  });

  it("does not read a denial of the claim as the claim, unless the claim is a denial", () => {
    expect(
      near(
        "The latest tag does not always point at the newest version, so it is not safe to ship.",
      ),
    ).toEqual([]);
    expect(
      near("The order of instructions in a Dockerfile has no effect on build caching."),
    ).toEqual(["The order of Dockerfile instructions does not affect build caching."]);
  });

  it("leaves out sentences that already state a misconception in the rubric's words", () => {
    expect(near("Each container has its own kernel.")).toEqual([]);
    expect(near("Files you write inside a container persist, so volumes are unnecessary.")).toEqual(
      [],
    );
  });
});
