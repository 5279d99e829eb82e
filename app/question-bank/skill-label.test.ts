import { describe, expect, test } from "vitest";
import { skillLabel, skillList } from "./skill-label";

describe("skillLabel", () => {
  test.each([
    ["distributed-systems", "Distributed systems"],
    ["databases", "Databases"],
    ["rest-api", "REST API"],
    ["api-design", "API design"],
    ["ci-cd", "CI/CD"],
    ["grpc", "gRPC"],
    ["graphql", "GraphQL"],
    ["postgresql", "PostgreSQL"],
    ["nodejs", "Node.js"],
    ["system-design", "System design"],
    ["incident-response", "Incident response"],
    ["devops", "DevOps"],
  ])("%s → %s", (slug, label) => {
    expect(skillLabel(slug)).toBe(label);
  });

  test("an unknown word is capitalised once, the rest left lower case", () => {
    expect(skillLabel("event-sourcing-at-scale")).toBe("Event sourcing at scale");
    expect(skillLabel("Chaos-ENGINEERING")).toBe("Chaos engineering");
  });

  test("odd input stays readable and never throws", () => {
    expect(skillLabel("")).toBe("");
    expect(skillLabel("---")).toBe("---");
    expect(skillLabel("x")).toBe("X");
    expect(skillLabel("a--b")).toBe("A b");
    const long = "word-".repeat(2_000) + "end";
    expect(skillLabel(long)).toHaveLength(long.length);
  });

  test("a list of skills, in order", () => {
    expect(skillList(["rest-api", "graphql", "grpc"])).toBe("REST API, GraphQL, gRPC");
    expect(skillList([])).toBe("");
  });
});
