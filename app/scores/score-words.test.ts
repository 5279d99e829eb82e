import { expect, test } from "vitest";
import { feedbackText, scoreInWords, scoreStanding, scoreText } from "./score-words";

test("one set of bands: only 4.5 and above reads as strong", () => {
  expect(scoreInWords(5)).toBe("Strong");
  expect(scoreInWords(4.5)).toBe("Strong");
  expect(scoreInWords(4.4)).toBe("Good");
  expect(scoreInWords(3.5)).toBe("Good");
  expect(scoreInWords(3.4)).toBe("Fair");
  expect(scoreInWords(2.5)).toBe("Fair");
  expect(scoreInWords(2)).toBe("Developing");
  expect(scoreInWords(1)).toBe("Early days");
  expect(scoreText(3.5, true)).toBe("Good");
  expect(scoreText(3.5, false)).toBe("3.5 / 5");
});

test("a standing reads as a sentence whatever the band", () => {
  for (const score of [1, 2, 3, 4, 5])
    expect(`Your answers so far are ${scoreStanding(score)}.`).not.toMatch(
      /are [A-Z]|early days\./,
    );
  expect(scoreStanding(1)).toBe("at an early stage");
  expect(scoreStanding(3.5)).toBe("good");
});

test("in low-anxiety mode the grader's sentences lose their numbers, and keep them otherwise", () => {
  const offline = "Requests, responses and methods (3/5): Explained GET and POST.";
  expect(feedbackText(offline, false)).toBe(offline);
  expect(feedbackText(offline, true)).toBe(
    "Requests, responses and methods: Explained GET and POST.",
  );
  expect(feedbackText("Trade-offs (2/5): add depth: a concrete example.", true)).toBe(
    "Trade-offs: add depth: a concrete example.",
  );
  expect(
    feedbackText("Thin. (Capped from 5 to 2: no quote from the answer supports it.)", true),
  ).toBe("Thin. (Capped: no quote from the answer supports it.)");
  expect(feedbackText("I would give this 4 out of 5, or 3.5 / 5 at a push.", true)).toBe(
    "I would give this good, or good at a push.",
  );
  // Numbers that are not scores stay: latencies, percentages, counts.
  const facts = "Backed the answer with numbers (18%, 12 minutes, p95 900 ms, 3 retries).";
  expect(feedbackText(facts, true)).toBe(facts);
});
