import { describe, expect, it } from "vitest";
import { FuzzyLexicon } from "./fuzzy";
import { findMatches, isNegated } from "./phrase-match";
import { compileMatcher as compileWith, readText } from "./read-text";

const lexicon = new FuzzyLexicon(["idempotent", "requires", "json", "identified", "uri"]);
const keyed = (text: string) => readText(text, lexicon).keyed;
const compileMatcher = (phrasing: string) => compileWith(phrasing, lexicon);

describe("findMatches", () => {
  it("ignores articles and case", () => {
    expect(findMatches(keyed("Each resource is Identified by the URI."), compileMatcher("identified by a uri"))).toHaveLength(1);
  });

  it("steps over one adverb or noun but not a verb", () => {
    expect(findMatches(keyed("REST really requires JSON."), compileMatcher("rest requires json"))).toHaveLength(1);
    expect(findMatches(keyed("The index contains every column."), compileMatcher("index every column"))).toHaveLength(0);
  });

  it("reads every form of 'to be' as one", () => {
    expect(findMatches(keyed("GET and POST are both idempotent."), compileMatcher("post is idempotent"))).toHaveLength(1);
    expect(findMatches(keyed("POST was idempotent."), compileMatcher("post is idempotent"))).toHaveLength(1);
    expect(findMatches(keyed("POST seems idempotent."), compileMatcher("post is idempotent"))).toHaveLength(0);
  });

  it("matches inflections and typos", () => {
    expect(findMatches(keyed("PUT is idempotnet."), compileMatcher("idempotent"))).toHaveLength(1);
    expect(findMatches(keyed("We were caching pages."), compileMatcher("cache"))).toHaveLength(1);
  });

  it("matches literal phrasings such as paths as text", () => {
    const text = keyed("Call GET /orders/42 and not /getOrder.");
    expect(findMatches(text, compileMatcher("/orders"))).toHaveLength(1);
    expect(findMatches(text, compileMatcher("/getorder"))).toHaveLength(1);
    expect(findMatches(text, compileMatcher("/users"))).toHaveLength(0);
  });
});

describe("isNegated", () => {
  it("sees a negation around the match, unless the phrasing carries it", () => {
    const text = keyed("POST is not idempotent.");
    const [match] = findMatches(text, compileMatcher("idempotent"));
    expect(match && isNegated(text.sentences[0]!, match)).toBe(true);
    const own = keyed("Readers don't block writers.");
    const [ownMatch] = findMatches(own, compileMatcher("readers don't block writers"));
    expect(ownMatch && isNegated(own.sentences[0]!, ownMatch)).toBe(false);
  });
});
