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

  test("each problem is a sentence with its place, and nothing is returned", () => {
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
    expect(problems).toEqual([
      "Question 2, criterion 1: add at least one key point.",
      "Question 3: pick the kind: concept, design or behavioural.",
      "Question 3: remove “extra”: there is no such field here.",
    ]);
  });

  test("an id used twice is reported by id, even beside other problems", () => {
    const twice = {
      pack: 1,
      questions: [question("a"), question("b"), { ...question("a"), minutes: 0 }],
    };
    const problems = problemsOf(JSON.stringify(twice), "json");
    expect(problems).toEqual([
      "Question 3: allow at least 1 minute.",
      "Question 3: the id “a” is also the id of question 1: give each question its own.",
    ]);
  });

  test("the envelope: version, an empty list, too many questions, not an object", () => {
    expect(problemsOf(stringify({ pack: 2, questions: [question("a")] }))).toEqual([
      "Start the file with “pack: 1”, the version of the pack format.",
    ]);
    expect(problemsOf(stringify({ pack: 1, questions: [] }))).toEqual([
      "List at least one question.",
    ]);
    const many = { pack: 1, questions: Array.from({ length: 201 }, (_, i) => ({ id: `q-${i}` })) };
    expect(problemsOf(JSON.stringify(many), "json")).toEqual([
      "A pack holds at most 200 questions; this one has 201.",
    ]);
    expect(problemsOf("- just\n- a list\n")).toEqual([
      "Write the file as a set of fields (name: value).",
    ]);
  });

  test("malformed YAML or JSON and an empty file", () => {
    expect(problemsOf("pack: 1\nquestions: [unclosed\n")).toEqual([
      expect.stringMatching(
        /^The file could not be read as YAML \(line \d+, column \d+\): check it/,
      ),
    ]);
    expect(problemsOf('{"pack": 1,', "json")).toEqual([
      "The file could not be read as JSON: check it against an exported pack.",
    ]);
    expect(problemsOf("a: 1\na: 2\n")).toEqual([
      "The file could not be read as YAML (line 2, column 1): a field appears twice in the same place.",
    ]);
    expect(problemsOf("  \n")).toEqual(["The file is empty."]);
  });

  test("the file name decides the format", () => {
    expect(packFormatOf("pack.JSON")).toBe("json");
    expect(packFormatOf("pack.yaml")).toBe("yaml");
    expect(packFormatOf("pack.yml")).toBe("yaml");
    expect(packFormatOf("pack.txt")).toBeNull();
    expect(packFormatOf("pack.yaml.exe")).toBeNull();
  });
});
