import { describe, expect, it } from "vitest";
import { FuzzyLexicon } from "./fuzzy";
import { keyText } from "./phrase-match";
import { sentenceFeatures } from "./sentence-features";
import { analyseText } from "./text-analysis";

const features = (text: string) => {
  const keyed = keyText(analyseText(text), new FuzzyLexicon([]));
  return sentenceFeatures(keyed.sentences[0]!);
};

describe("sentenceFeatures", () => {
  it("tells a list of terms from a sentence that explains them", () => {
    expect(features("REST: resources, URIs, HTTP methods, GET, POST, JSON, stateless, caching.").listLike).toBe(true);
    expect(features("GET reads, POST creates, PUT replaces, PATCH updates and DELETE removes.").listLike).toBe(false);
    expect(features("On a payments team two years ago, a senior colleague, Marta, wanted to split the billing module out.").listLike).toBe(false);
  });

  it("finds explanation markers and concrete examples", () => {
    const f = features("PUT is idempotent, which means a retry after a timeout is safe, for example on /orders/42.");
    expect(f.explanationMarkers).toBeGreaterThan(0);
    expect(f.concrete).toBe(true);
    expect(features("REST is an API style.").explanationMarkers).toBe(0);
  });

  it("counts measurements, not years", () => {
    expect(features("Latency dropped from 1.8 seconds to 220 ms, a 40% cut.").metrics).toBeGreaterThanOrEqual(2);
    expect(features("In 2021 we moved offices.").metrics).toBe(0);
  });

  it("counts past first-person actions, not opinions or hypotheticals", () => {
    const story = features("I rolled back the deploy and I wrote the postmortem.");
    expect(story.iActions).toBe(2);
    expect(features("We scaled up the consumers.").weActions).toBe(1);
    expect(features("I think communication matters.").opinion).toBe(true);
    const hypothetical = features("If I had to sum up, incidents teach us a lot.");
    expect(hypothetical.conditional).toBe(true);
    expect(hypothetical.iActions).toBe(0);
    expect(features("I would use a queue.").iActions).toBe(0);
  });
});
