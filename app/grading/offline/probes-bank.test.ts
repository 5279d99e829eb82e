import { describe, expect, it } from "vitest";
import type { Question } from "~/question-bank/question-schema";
import { gradeOffline } from "./grade-offline.server";
import { requestFor, testBank } from "./test-helpers";

/**
 * Every probe the offline grader asks, for every bank question, on a strong,
 * a weak and a salad answer: a question an interviewer would ask, never
 * pasted rubric text.
 */

/** A buzzword salad built from the question's own rubric terms, chained with reasons. */
function saladFor(q: Question): string {
  const terms = q.rubric.flatMap((c) => c.keyPoints.map((kp) => kp.phrasings[0] ?? kp.id));
  const links = ["because", "so", "which means", "therefore"];
  const sentences: string[] = [];
  for (let i = 0; i + 2 < terms.length; i += 2) {
    sentences.push(`The ${terms[i]} is ${terms[i + 1]} ${links[i % links.length]} the ${terms[i + 2]} makes it work.`);
  }
  return sentences.join(" ");
}

/** Rubric sentences an interviewer would not read out: key points, criterion descriptions, corrections. */
function rubricTexts(q: Question): string[] {
  return q.rubric.flatMap((c) => [c.description, ...c.keyPoints.map((kp) => kp.point), ...c.misconceptions.map((m) => m.correction)]);
}

const words = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}\s]+/gu, " ").split(/\s+/).filter(Boolean);

/** The first run of five or more consecutive words of `probe` that occurs verbatim in a rubric text. */
export function pastedRun(probe: string, texts: string[], length = 5): string | null {
  const rubric = texts.map((t) => ` ${words(t).join(" ")} `);
  const w = words(probe);
  for (let i = 0; i + length <= w.length; i++) {
    const run = ` ${w.slice(i, i + length).join(" ")} `;
    if (rubric.some((r) => r.includes(run))) return run.trim();
  }
  return null;
}

describe("probes on every bank question", () => {
  it("detects pasted rubric text (the check itself can fail)", () => {
    expect(pastedRun("How would you explain this: the API exposes resources (nouns) identified by URIs?", ["The API exposes resources (nouns) identified by URIs, not actions."])).toBe("the api exposes resources nouns");
    expect(pastedRun("What happens when two clients retry at once?", ["Clients exchange representations of a resource."])).toBeNull();
  });

  const bank = testBank();
  it.each(bank.map((q) => [q.id, q] as const))("%s: strong, weak and salad answers get natural questions", (_id, q) => {
    const problems: string[] = [];
    for (const [label, answer] of [["strong", q.examples.strong], ["weak", q.examples.weak], ["salad", saladFor(q)]] as const) {
      const grade = gradeOffline(requestFor(q, answer));
      for (const probe of grade.probes) {
        const text = probe.question.trim();
        if (!text.endsWith("?")) problems.push(`${label}: not a question: ${text}`);
        if (!/^["“\p{L}\p{N}]/u.test(text)) problems.push(`${label}: does not start a sentence: ${text}`);
        if (/\b(the|a|an|about|of)\s*[:?]/i.test(text)) problems.push(`${label}: broken phrase: ${text}`);
        const pasted = pastedRun(text, rubricTexts(q));
        if (pasted) problems.push(`${label}: pastes "${pasted}": ${text}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
