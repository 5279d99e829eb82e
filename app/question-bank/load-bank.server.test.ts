import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";
import { describe, expect, test } from "vitest";
import { BankFileError, loadBankFrom, parseQuestionFile, scanBankDir } from "./load-bank.server";

const template = parse(readFileSync("question-bank/explain-rest-apis.yaml", "utf8")) as Record<
  string,
  unknown
>;

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

  test("has at least 40 questions, every kind, both roles and every band", () => {
    expect(bank.length).toBeGreaterThanOrEqual(40);
    for (const kind of ["concept", "design", "behavioural"]) {
      expect(bank.filter((q) => q.kind === kind).length, kind).toBeGreaterThanOrEqual(5);
    }
    for (const role of ["backend", "devops"]) {
      expect(
        bank.some((q) => q.roles.includes(role as "backend" | "devops")),
        role,
      ).toBe(true);
    }
    for (const band of ["0-2", "3-5", "5-8", "8-12", "12+"]) {
      expect(
        bank.some((q) => q.bands.includes(band as "0-2")),
        band,
      ).toBe(true);
    }
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
    const error = problemsOf(() =>
      parseQuestionFile("x.yaml", stringify({ ...template, rubrik: [] })),
    );
    expect(error.problems.join()).toMatch(/rubrik/);
  });

  test("invalid YAML names the file", () => {
    const error = problemsOf(() => loadBankFrom(bankDir({ "bad.yaml": "id: [unclosed\n" })));
    expect(error.file).toMatch(/bad\.yaml$/);
    expect(error.problems[0]).toMatch(/^YAML: /);
  });

  test("two files with one id", () => {
    const body = stringify(template);
    const error = problemsOf(() =>
      loadBankFrom(bankDir({ "explain-rest-apis.yaml": body, "explain-rest-apis.yml": body })),
    );
    expect(error.file).toMatch(/explain-rest-apis\.yml$/);
    expect(error.problems).toEqual([
      expect.stringMatching(
        /^id: "explain-rest-apis" is already used by .*explain-rest-apis\.yaml$/,
      ),
      expect.stringMatching(/^title: "Explain REST APIs" is already used by/),
    ]);
  });

  test("a file not named after its id, and ids kept for pages and users' own questions", () => {
    const dir = bankDir({
      "rest.yaml": stringify(template),
      "custom-mine.yaml": stringify({ ...template, id: "custom-mine", title: "Mine" }),
      "new.yaml": stringify({ ...template, id: "new", title: "New" }),
    });
    const { questions, errors } = scanBankDir(dir);
    expect(questions).toEqual([]);
    const byFile = Object.fromEntries(errors.map((e) => [path.basename(e.file), e.problems]));
    expect(byFile["rest.yaml"]).toEqual([
      expect.stringMatching(/^id: "explain-rest-apis" does not match the file name/),
    ]);
    expect(byFile["custom-mine.yaml"]).toEqual([
      expect.stringMatching(/^id: .*kept for users' own questions/),
    ]);
    expect(byFile["new.yaml"]).toEqual([expect.stringMatching(/^id: .*page under \/questions/)]);
  });

  test("every bad file is reported, each with all its problems; good files still load", () => {
    const { title: _omit, ...untitled } = template;
    const dir = bankDir({
      "explain-rest-apis.yaml": stringify(template),
      "untitled.yaml": stringify({ ...untitled, id: "untitled", minutes: 0 }),
      "broken.yaml": "id: [unclosed\n",
      "notes.txt": "not a question",
      "ready-rounds.yaml": "rounds: []\n",
    });
    const { questions, errors } = scanBankDir(dir);
    expect(questions.map((q) => q.id)).toEqual(["explain-rest-apis"]);
    expect(errors.map((e) => path.basename(e.file))).toEqual(["broken.yaml", "untitled.yaml"]);
    expect(errors[1]!.problems).toEqual([
      expect.stringMatching(/^title: /),
      expect.stringMatching(/^minutes: /),
    ]);
  });

  test("a text field too long or blank says so with its path", () => {
    const error = problemsOf(() =>
      parseQuestionFile(
        "x.yaml",
        stringify({ ...template, title: "t".repeat(161), prompt: "   " }),
      ),
    );
    expect(error.problems).toContain("title: Keep the title to 160 characters or fewer.");
    expect(error.problems).toContain("prompt: Write the question as the interviewer asks it.");
  });
});
