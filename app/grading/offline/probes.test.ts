import { describe, expect, it } from "vitest";
import { gradeOffline } from "./grade-offline.server";
import { question, requestFor } from "./test-helpers";

const rest = question("explain-rest-apis");
const incident = question("production-incident");

describe("probes", () => {
  it("asks two or three questions aimed at the weakest criterion", () => {
    const grade = gradeOffline(
      requestFor(rest, "REST exposes resources such as /orders/42, so the URL names a thing, and GET reads while POST creates, which keeps the verb in the method. Responses are usually JSON representations of the resource, because clients need a shared format."),
    );
    expect(grade.probes.length).toBeGreaterThanOrEqual(2);
    expect(grade.probes.length).toBeLessThanOrEqual(3);
    for (const probe of grade.probes) expect(probe.question.trim().endsWith("?")).toBe(true);
    const weakest = [...grade.criteria].sort((a, b) => a.score - b.score)[0];
    expect(grade.probes.map((p) => p.criterionId)).toContain(weakest?.criterionId);
  });

  it("pushes first on a misconception the answer stated", () => {
    const grade = gradeOffline(requestFor(rest, "POST is idempotent, so clients can retry a payment as often as they like, and REST requires JSON for every response body."));
    expect(grade.probes[0]?.question).toMatch(/You said/);
  });

  it("prefers the question's seed probe for a missed point", () => {
    const grade = gradeOffline(requestFor(rest, "REST models resources such as /orders/42 and uses GET to read them, because the URL should name a thing. Each request is stateless, which means any server can answer it."));
    const seeds = new Set(rest.probes);
    expect(grade.probes.some((p) => seeds.has(p.question))).toBe(true);
  });

  it("never repeats a probe already asked in the round", () => {
    const answer = "REST is an API that uses HTTP and JSON.";
    const first = gradeOffline(requestFor(rest, answer));
    const asked = first.probes.map((p) => p.question);
    const second = gradeOffline(requestFor(rest, answer, { askedProbes: asked }));
    expect(second.probes.length).toBeGreaterThanOrEqual(1);
    for (const probe of second.probes) expect(asked).not.toContain(probe.question);
    const everything = gradeOffline(requestFor(rest, answer, { askedProbes: [...rest.probes, ...asked, ...second.probes.map((p) => p.question)] }));
    for (const probe of everything.probes) expect([...rest.probes, ...asked]).not.toContain(probe.question);
  });

  it("asks for the missing parts of a behavioural story", () => {
    const grade = gradeOffline(requestFor(incident, "We had an outage once where the database went down. We restarted it and everything was fine after that."));
    expect(grade.probes.map((p) => p.question).join(" ")).toMatch(/personally|measurable|learn|responsible/i);
  });
});
