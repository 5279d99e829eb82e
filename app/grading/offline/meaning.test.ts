import { describe, expect, it } from "vitest";
import { gradeSchema } from "~/grading/grade-schema";
import { relevantToCriterion } from "./evidence-relevance";
import { gradeOffline, OFFLINE_SCOPE } from "./grade-offline.server";
import { overallOf, question, requestFor } from "./test-helpers";

const rest = question("explain-rest-apis");

const SALAD =
  "Resources are idempotent because the URI is a representation, so JSON makes status codes stateless. GET is cacheable because POST creates a resource, so PUT is stateless, which means HATEOAS is the uniform interface. " +
  "The representation is cacheable since the status code is a resource, therefore statelessness means versioning. Pagination is idempotent because the URI is JSON, so the verb is a noun and REST scales horizontally.";

const PLAIN =
  "Each thing the service manages, such as an order or a customer, gets its own address, and the address names the thing rather than an action. " +
  "Clients use the standard verbs to read, create, replace or remove those things, and reading never changes anything on the server. " +
  "The server keeps no memory of the client between calls, so every request carries everything needed, which lets any copy of the server answer it. " +
  "Replies say how things went with a standard three-digit number, for example 404 when the thing does not exist, and clients receive a description of the thing's current state in a format such as JSON rather than the thing itself.";

describe("credit by meaning, not vocabulary", () => {
  it("a correct answer in plain words beats a buzzword salad of the rubric's own terms", () => {
    const plain = overallOf(gradeOffline(requestFor(rest, PLAIN)));
    const salad = overallOf(gradeOffline(requestFor(rest, SALAD)));
    expect(salad).toBeLessThanOrEqual(2);
    expect(plain).toBeGreaterThan(salad + 1);
  });

  it("does not say 'did not cover' a point the plain answer made in other words", () => {
    const grade = gradeOffline(requestFor(rest, PLAIN));
    const stateless = grade.criteria.find((c) => /stateless/i.test(c.rationale) || c.criterionId.includes("constraint"));
    for (const c of grade.criteria) expect(c.rationale).not.toMatch(/Did not cover[^.]*stateless/i);
    expect(stateless).toBeDefined();
  });

  it("evidence relevance follows meaning: a plain-words sentence is relevant, the salad's chain of terms is not credited", () => {
    const criterion = rest.rubric.find((c) => c.keyPoints.some((kp) => kp.id === "stateless"));
    expect(criterion).toBeDefined();
    expect(relevantToCriterion(rest, criterion!.id, "The server keeps no memory of the client between calls, so every request carries everything needed.")).toBe(true);
  });
});

describe("what the offline grade says about itself and its advice", () => {
  it("every grade carries one line on what the offline grader does and does not judge", () => {
    const grade = gradeSchema.parse(gradeOffline(requestFor(rest, PLAIN)));
    expect(grade.scope).toBe(OFFLINE_SCOPE);
    expect(OFFLINE_SCOPE).toMatch(/does not/);
  });

  it("no 'missing' note at 5/5, and To improve is never empty while a criterion is below 5", () => {
    for (const q of [rest, question("production-incident"), question("design-url-shortener")]) {
      const grade = gradeOffline(requestFor(q, q.examples.strong));
      for (const c of grade.criteria) if (c.score === 5) expect(c.rationale).not.toMatch(/Did not cover|Only listed|Came close/);
      if (grade.criteria.some((c) => c.score < 5)) expect(grade.improvements.length).toBeGreaterThan(0);
    }
  });

  it("'Weighed a trade-off' quotes a sentence that weighs one", () => {
    const grade = gradeOffline(requestFor(rest, `${PLAIN} GET is better than POST here but both work.`));
    const tradeOff = grade.strengths.find((s) => s.startsWith("Weighed a trade-off"));
    if (tradeOff) expect(tradeOff).toMatch(/trade-?off|downside|drawback|cost|expense|catch|faster|slower|cheaper|simpler|more|less|fewer/i);
    const weighed = gradeOffline(requestFor(rest, `${PLAIN} Keeping no session on the server makes scaling simpler, but every request has to carry the token and be checked again.`));
    expect(weighed.strengths.some((s) => s.startsWith("Weighed a trade-off") && s.includes("simpler"))).toBe(true);
  });

  it("'I/O' names no tool 'O', and 'like /orders/42' is an example, not a filler", () => {
    const grade = gradeOffline(
      requestFor(
        question("nodejs-event-loop"),
        "Node runs JavaScript on one thread and hands disk and network I/O to the operating system, so the thread keeps serving other requests. A route like /orders/42 can answer while a file read is pending, because the callback runs later when the data is ready.",
      ),
    );
    expect(grade.insights?.fillerWords ?? []).toEqual([]);
    expect(grade.strengths.join(" ")).not.toMatch(/\(O\b|, O\b/);
  });
});

describe("the bank's key points", () => {
  it("every shipped key point says what it means in plain words (the meaning match compares with it)", async () => {
    const { testBank } = await import("./test-helpers");
    const missing = testBank().flatMap((q) => q.rubric.flatMap((c) => c.keyPoints.filter((kp) => !kp.meaning).map((kp) => `${q.id}/${kp.id}`)));
    expect(missing).toEqual([]);
  });
});
