import { readFileSync } from "node:fs";
import { stringify } from "yaml";
import { describe, expect, test } from "vitest";
import { parseQuestionFile } from "~/question-bank/load-bank.server";
import type { Question } from "~/question-bank/question-schema";
import { packOf, serialisePack } from "./export-pack";
import { packFormatOf, readPack } from "./read-pack";

const base = parseQuestionFile(
  "question-bank/explain-rest-apis.yaml",
  readFileSync("question-bank/explain-rest-apis.yaml", "utf8"),
);
const question = (id: string): Question => ({ ...base, id, title: `Question ${id}` });

function problemsOf(source: string, format: "yaml" | "json" = "yaml"): string[] {
  const result = readPack(source, format);
  if (result.ok) throw new Error("expected the pack to be refused");
  return result.problems;
}

describe("reading a pack", () => {
  test("YAML and JSON packs written by export read back as the same questions", () => {
    const questions = [question("one"), question("two")];
    for (const format of ["yaml", "json"] as const) {
      const result = readPack(serialisePack(packOf(questions), format), format);
      expect(result).toEqual({ ok: true, questions });
    }
  });

  test("export writes a user's own question under its slug", () => {
    expect(
      packOf([question("custom-mine"), question("explain-rest-apis")]).questions.map((q) => q.id),
    ).toEqual(["mine", "explain-rest-apis"]);
  });

  test("each problem is reported with its path and field, and nothing is returned", () => {
    const broken = {
      pack: 1,
      questions: [
        question("fine"),
        {
          ...question("no-points"),
          rubric: [{ ...base.rubric[0]!, keyPoints: [] }, ...base.rubric.slice(1)],
        },
        { ...question("bad-kind"), kind: "trivia", extra: true },
      ],
    };
    const problems = problemsOf(stringify(broken));
    expect(problems).toContain(
      "questions.1.rubric.0.keyPoints: Too small: expected array to have >=1 items",
    );
    expect(problems.some((p) => p.startsWith("questions.2.kind: "))).toBe(true);
    expect(problems.some((p) => p.startsWith("questions.2: ") && p.includes("extra"))).toBe(true);
    expect(problems.some((p) => p.startsWith("questions.0"))).toBe(false);
  });

  test("an id used twice is reported by id, even beside other problems", () => {
    const twice = {
      pack: 1,
      questions: [question("a"), question("b"), { ...question("a"), minutes: 0 }],
    };
    const problems = problemsOf(JSON.stringify(twice), "json");
    expect(problems).toContain('questions.2.id: "a" is also the id of questions.0');
    expect(problems.some((p) => p.startsWith("questions.2.minutes: "))).toBe(true);
  });

  test("the envelope: version, an empty list, too many questions, not an object", () => {
    expect(problemsOf(stringify({ pack: 2, questions: [question("a")] }))).toEqual([
      "pack: must be 1, the version of the pack format",
    ]);
    expect(problemsOf(stringify({ pack: 1, questions: [] }))).toEqual([
      "questions: list at least one question",
    ]);
    const many = { pack: 1, questions: Array.from({ length: 201 }, (_, i) => ({ id: `q-${i}` })) };
    expect(problemsOf(JSON.stringify(many), "json")).toEqual([
      "questions: a pack holds at most 200 questions; this one has 201",
    ]);
    expect(problemsOf("- just\n- a list\n")[0]).toMatch(/^\(root\): /);
  });

  test("malformed YAML or JSON and an empty file", () => {
    expect(problemsOf("pack: 1\nquestions: [unclosed\n")).toEqual([
      expect.stringMatching(/^YAML: /),
    ]);
    expect(problemsOf('{"pack": 1,', "json")).toEqual([expect.stringMatching(/^JSON: /)]);
    expect(problemsOf("a: 1\na: 2\n")).toEqual([expect.stringMatching(/^YAML: .*unique/i)]);
    expect(problemsOf("  \n")).toEqual(["(file): the file is empty"]);
  });

  test("the file name decides the format", () => {
    expect(packFormatOf("pack.JSON")).toBe("json");
    expect(packFormatOf("pack.yaml")).toBe("yaml");
    expect(packFormatOf("pack.yml")).toBe("yaml");
    expect(packFormatOf("pack.txt")).toBeNull();
    expect(packFormatOf("pack.yaml.exe")).toBeNull();
  });
});
