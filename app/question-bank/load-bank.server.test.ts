import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";
import { describe, expect, test } from "vitest";
import { BankFileError, loadBankFrom, parseQuestionFile } from "./load-bank.server";

const template = parse(readFileSync("question-bank/explain-rest-apis.yaml", "utf8")) as Record<string, unknown>;

function bankDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "bank-"));
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
  return dir;
}

function problemsOf(fn: () => unknown): { file: string; problems: string[] } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BankFileError);
    return error as BankFileError;
  }
  throw new Error("expected a BankFileError");
}

describe("the shipped bank", () => {
  const bank = loadBankFrom("question-bank");

  test("has the twelve required questions with unique ids", () => {
    const titles = bank.map((q) => q.title);
    for (const title of [
      "Explain REST APIs",
      "Explain PostgreSQL and when you would use it",
      "Explain Docker",
      "Design a URL shortener",
      "Tell me about a production incident you handled",
      "Tell me about a time you disagreed with a teammate on a technical decision",
      "Tell me about a time you improved the performance of a system",
      "Explain how the Node.js event loop works",
      "Explain caching and when you would use Redis",
      "Explain session-based authentication versus JWT",
      "Explain database indexes and their trade-offs",
      "Tell me about a time you failed and what you learned",
    ]) {
      expect(titles).toContain(title);
    }
    expect(new Set(bank.map((q) => q.id)).size).toBe(bank.length);
  });

  test("every rubric has 3-6 criteria, each with key points", () => {
    for (const q of bank) {
      expect(q.rubric.length).toBeGreaterThanOrEqual(3);
      expect(q.rubric.length).toBeLessThanOrEqual(6);
      for (const c of q.rubric) expect(c.keyPoints.length).toBeGreaterThan(0);
    }
  });
});

describe("a broken file fails loudly with its path and the field at fault", () => {
  test("a missing field", () => {
    const { title: _omit, ...rest } = template;
    const error = problemsOf(() => loadBankFrom(bankDir({ "no-title.yaml": stringify(rest) })));
    expect(error.file).toMatch(/no-title\.yaml$/);
    expect(error.problems.join()).toMatch(/^title: /);
  });

  test("a wrong kind and a bad band", () => {
    const error = problemsOf(() =>
      parseQuestionFile("x.yaml", stringify({ ...template, kind: "trivia", bands: ["1-2"] })),
    );
    expect(error.problems.some((p) => p.startsWith("kind:"))).toBe(true);
    expect(error.problems.some((p) => p.startsWith("bands.0:"))).toBe(true);
  });

  test("a nested field: a criterion with no key points, too few criteria", () => {
    const rubric = template.rubric as Record<string, unknown>[];
    const broken = { ...template, rubric: [{ ...rubric[0], keyPoints: [] }, rubric[1]] };
    const error = problemsOf(() => parseQuestionFile("x.yaml", stringify(broken)));
    expect(error.problems.join("\n")).toMatch(/rubric: /);
    expect(error.problems.join("\n")).toMatch(/rubric\.0\.keyPoints: /);
  });

  test("an unknown field is refused rather than silently ignored", () => {
    const error = problemsOf(() => parseQuestionFile("x.yaml", stringify({ ...template, rubrik: [] })));
    expect(error.problems.join()).toMatch(/rubrik/);
  });

  test("invalid YAML names the file", () => {
    const error = problemsOf(() => loadBankFrom(bankDir({ "bad.yaml": "id: [unclosed\n" })));
    expect(error.file).toMatch(/bad\.yaml$/);
    expect(error.problems[0]).toMatch(/^YAML: /);
  });

  test("two files with one id", () => {
    const body = stringify(template);
    const error = problemsOf(() => loadBankFrom(bankDir({ "a.yaml": body, "b.yaml": body })));
    expect(error.file).toMatch(/b\.yaml$/);
    expect(error.problems[0]).toMatch(/already used by .*a\.yaml/);
  });
});
