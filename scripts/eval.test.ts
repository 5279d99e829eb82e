import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EvalError, parseArgs, runEval, spearman } from "./eval";

function fileWith(lines: string[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "eval-")), "set.jsonl");
  writeFileSync(file, lines.join("\n"));
  return file;
}

async function evalLines(argv: string[]): Promise<{ lines: string[]; summary: Awaited<ReturnType<typeof runEval>> }> {
  const lines: string[] = [];
  const summary = await runEval(argv, (line) => lines.push(line));
  return { lines, summary };
}

describe("npm run eval on the calibration set", () => {
  it("ranks answers like the references: Spearman >= 0.80 and strong beats traps on every question", async () => {
    const { summary } = await evalLines(["tests/fixtures/calibration.jsonl"]);
    expect(summary.records).toBeGreaterThanOrEqual(49);
    expect(summary.spearman).toBeGreaterThanOrEqual(0.8);
    expect(summary.questions.length).toBeGreaterThanOrEqual(7);
    for (const q of summary.questions) expect(q.strongBeatsTraps, q.questionId).toBe(true);
  });

  it("holds on the second set written in other voices", async () => {
    const { summary } = await evalLines(["tests/fixtures/calibration-holdout.jsonl"]);
    expect(summary.spearman).toBeGreaterThanOrEqual(0.8);
    expect(summary.allStrongBeatTraps).toBe(true);
  });
});

describe("eval output", () => {
  const good = JSON.stringify({ id: "a", question: "Explain REST APIs", answer: "REST models resources such as /orders/42, and GET reads them because the URL names a thing.", reference: 4 });
  const weak = JSON.stringify({ question: "explain-rest-apis", answer: "REST uses HTTP.", reference: 1 });

  it("prints each record and a summary", async () => {
    const { lines } = await evalLines([fileWith([good, weak])]);
    expect(lines[0]).toMatch(/^a\s+\d\.\d {2}ref 4 {2}\[resources-and-uris=\d/);
    expect(lines[1]).toMatch(/^line-2\s/);
    expect(lines.join("\n")).toMatch(/Spearman: 1\.000[\s\S]*mean absolute error[\s\S]*explain-rest-apis: yes/);
  });

  it("prints one JSON object per record and a JSON summary with --json", async () => {
    const { lines } = await evalLines([fileWith([good, "", weak]), "--json"]);
    const objects = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects).toHaveLength(3);
    expect(objects[0]).toMatchObject({ line: 1, id: "a", question: "explain-rest-apis", reference: 4 });
    expect(objects[1]).toMatchObject({ line: 3, reference: 1 });
    expect(objects[2]).toMatchObject({ summary: true, grader: "offline", records: 2, spearman: 1 });
  });

  it("matches questions by id or title, case-insensitively", async () => {
    const line = (q: string) => JSON.stringify({ question: q, answer: "REST uses resources." });
    const { summary } = await evalLines([fileWith([line("EXPLAIN rest apis"), line("Explain-REST-APIs")]), "--json"]);
    expect(summary.records).toBe(2);
    expect(summary.spearman).toBeNull();
  });
});

describe("eval errors", () => {
  it.each([
    [["{not json"], /line 1: not valid JSON/],
    [['{"question": "Explain REST APIs"}'], /line 1: answer:/],
    [['{"question": "Explain REST APIs", "answer": "x", "reference": 7}'], /line 1: reference:/],
    [['{"question": "Explain REST APIs", "answer": "x"}', '{"question": "Explain quantum physics", "answer": "x"}'], /line 2: unknown question "Explain quantum physics"/],
    [[""], /no records/],
  ])("stops on %j", async (lines, message) => {
    await expect(runEval([fileWith(lines)], () => {})).rejects.toThrow(message);
  });

  it("rejects bad arguments", async () => {
    expect(() => parseArgs([])).toThrow(EvalError);
    expect(() => parseArgs(["f.jsonl", "--grader", "magic"])).toThrow(/unknown grader/);
    expect(() => parseArgs(["f.jsonl", "--verbose"])).toThrow(/unknown option/);
  });
});

describe("spearman", () => {
  it("handles ties and degenerate input", () => {
    expect(spearman([1, 2, 3], [10, 20, 30])).toBe(1);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBe(-1);
    expect(spearman([1, 1, 2], [1, 2, 3])).toBeCloseTo(0.866, 3);
    expect(spearman([1, 1], [1, 2])).toBeNull();
    expect(spearman([1], [1])).toBeNull();
  });
});
