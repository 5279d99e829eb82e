import { describe, expect, it } from "vitest";
import { FuzzyLexicon, stem, withinOneEdit } from "./fuzzy";

describe("withinOneEdit", () => {
  it.each([
    ["idempotent", "idempotent", true],
    ["idempotnet", "idempotent", true], // transposition
    ["idempotet", "idempotent", true], // deletion
    ["idempoteent", "idempotent", true], // insertion
    ["idempotant", "idempotent", true], // substitution
    ["idmepotnet", "idempotent", false],
    ["cache", "cash", false],
  ])("%s ~ %s is %s", (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(b, a)).toBe(expected);
  });
});

describe("stem", () => {
  it("reduces inflections of one word to one key", () => {
    expect(new Set(["cache", "caches", "cached", "caching"].map(stem)).size).toBe(1);
    expect(new Set(["scale", "scales", "scaled", "scaling"].map(stem)).size).toBe(1);
    expect(new Set(["query", "queries"].map(stem)).size).toBe(1);
    expect(stem("p95")).toBe("p95");
  });
});

describe("FuzzyLexicon", () => {
  const lexicon = new FuzzyLexicon(["idempotent", "stateless", "because", "learned"]);

  it("corrects a word one edit from a known word of five or more letters", () => {
    expect(lexicon.correct("statelss")).toBe("stateless");
    expect(lexicon.correct("becuase")).toBe("because");
    expect(lexicon.correct("idempotent")).toBe("idempotent");
  });

  it("leaves unrelated words alone", () => {
    expect(lexicon.correct("kubernetes")).toBeUndefined();
    expect(lexicon.correct("cat")).toBeUndefined();
  });

  it("corrects typos in inflections it does not list through its stems", () => {
    expect(lexicon.stems?.correct(stem("leanring"))).toBe(stem("learned"));
  });
});
