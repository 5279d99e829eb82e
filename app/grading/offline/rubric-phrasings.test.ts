import { describe, expect, it, vi } from "vitest";
import { FuzzyLexicon } from "./fuzzy";
import { findMatches, type PhraseMatcher } from "./phrase-match";
import { compileMatcher, graderPhrases, readText } from "./read-text";
import { compileRubric } from "./rubric-index";
import { testBank } from "./test-helpers";

// These loop over whole calibration sets and the bank: seconds on a shared, busy machine, not the default 5.
vi.setConfig({ testTimeout: 60_000 });

/**
 * Phrasings are read the way answers are read, so a phrasing written in an
 * answer always matches itself: British spellings, contractions, "through",
 * "cannot", "2fa" and query strings included.
 */

/**
 * "<question id>: <phrasing>" -> why it cannot match itself. Keep this tiny: a
 * phrasing listed here is dead weight in the rubric and should be rewritten.
 */
const UNMATCHABLE = new Map<string, string>([]);

describe("every rubric phrasing in the bank", () => {
  it("is matched when written in a plain sentence", () => {
    const failures: string[] = [];
    let checked = 0;
    for (const question of testBank()) {
      const rubric = compileRubric(question);
      const matchers: Array<[string, PhraseMatcher]> = [
        ...rubric.keyPoints.flatMap((kp) => kp.matchers.map((m): [string, PhraseMatcher] => [`key point ${kp.id}`, m])),
        ...rubric.misconceptions.flatMap((mc) => mc.matchers.map((m): [string, PhraseMatcher] => [`misconception "${mc.claim}"`, m])),
      ];
      for (const [where, matcher] of matchers) {
        const id = `${question.id}: ${matcher.source}`;
        if (UNMATCHABLE.has(id)) continue;
        checked++;
        const { keyed } = readText(`I would say that ${matcher.source} here.`, rubric.lexicon);
        if (findMatches(keyed, matcher).length === 0) {
          const read = keyed.sentences.map((s) => s.units.map((u) => u.key).join(" ")).join(" / ");
          failures.push(`${id} (${where}) reads as [${read}], compiled to [${matcher.keys.join(" ") || matcher.literal}]`);
        }
      }
    }
    expect(checked).toBeGreaterThan(5000);
    expect(failures).toEqual([]);
  });
});

describe("phrasings read like answers", () => {
  const lexicon = new FuzzyLexicon(["normalised", "sanitise", "artefact", "authenticate", "index", "write", "through"]);
  const matches = (phrasing: string, answer: string) => findMatches(readText(answer, lexicon).keyed, compileMatcher(phrasing, lexicon)).length > 0;

  it("match across British and American spellings", () => {
    expect(matches("normalised", "The schema is normalized to third normal form.")).toBe(true);
    expect(matches("normalized", "The schema is normalised to third normal form.")).toBe(true);
    expect(matches("sanitise input", "Never just sanitize input by hand.")).toBe(true);
    expect(matches("same artefact", "Ship the same artifact to every environment.")).toBe(true);
  });

  it("match contractions, 'through' and 'cannot' however they are written", () => {
    expect(matches("cannot use the index", "Then Postgres can't use the index at all.")).toBe(true);
    expect(matches("can't use the index", "Then Postgres cannot use the index at all.")).toBe(true);
    expect(matches("cannot authenticate", "The server can not authenticate the call.")).toBe(true);
    expect(matches("write-through", "A write through cache updates both.")).toBe(true);
    expect(matches("it's just a cache so", "It is just a cache so losing it is fine.")).toBe(true);
    expect(matches("i'd do differently", "What I would do differently is test earlier.")).toBe(true);
  });

  it("ignore the possessive 's like an article", () => {
    expect(matches("the client's fault", "A 4xx says it is the clients' fault.")).toBe(true);
    expect(matches("someone else's problem", "I did not treat it as someone else's problem.")).toBe(true);
  });

  it("match tokens the reader splits, such as 2fa, 16kb and 4xx", () => {
    expect(matches("2fa", "We turned on 2FA for admins.")).toBe(true);
    expect(matches("16kb", "The buffer holds 16kb by default.")).toBe(true);
    expect(matches("4xx", "Clients get a 4xx for bad input.")).toBe(true);
  });

  it("match a query string: a question mark glued to a word does not end the sentence", () => {
    expect(matches("/orders?page=", "Call GET /orders?page=2 to get the next page.")).toBe(true);
  });

  it("grader markers are read the same way", () => {
    const lesson = graderPhrases(["i'd", "realised"]);
    const sentence = (text: string) => readText(text, lexicon).keyed.sentences[0]!;
    expect(lesson.has(sentence("Next time I'd write the runbook first."))).toBe(true);
    expect(lesson.has(sentence("I realised the alert was noisy."))).toBe(true);
  });
});
