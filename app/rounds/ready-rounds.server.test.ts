import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";
import { describe, expect, test } from "vitest";
import { BankFileError, loadBankFrom } from "~/question-bank/load-bank.server";
import { parseReadyRounds, readReadyRounds } from "./ready-rounds.server";

const bank = loadBankFrom("question-bank");
const shipped = parse(readFileSync("question-bank/ready-rounds.yaml", "utf8")) as {
  rounds: { id: string; title: string; description: string; questions: string[] }[];
};

function problems(source: string): string[] {
  try {
    parseReadyRounds("ready-rounds.yaml", source, bank);
  } catch (error) {
    expect(error).toBeInstanceOf(BankFileError);
    return (error as BankFileError).problems;
  }
  throw new Error("expected a BankFileError");
}

describe("the shipped ready rounds", () => {
  const rounds = readReadyRounds("question-bank", bank);

  test("are the five named sets, every question resolved from the bank", () => {
    expect(rounds.map((r) => r.title)).toEqual([
      "Backend fundamentals",
      "Databases",
      "System design warm-up",
      "Behavioural STAR",
      "DevOps basics",
    ]);
    for (const [i, round] of rounds.entries()) {
      expect(round.questions.map((q) => q.id)).toEqual(shipped.rounds[i]!.questions);
      expect(round.questions.length).toBeGreaterThanOrEqual(3);
    }
  });

  test("each set fits its name", () => {
    const byId = Object.fromEntries(rounds.map((r) => [r.id, r.questions]));
    expect(byId["system-design-warm-up"]!.every((q) => q.kind === "design")).toBe(true);
    expect(byId["behavioural-star"]!.every((q) => q.kind === "behavioural")).toBe(true);
    expect(byId["databases"]!.every((q) => q.skills.includes("databases"))).toBe(true);
    expect(byId["devops-basics"]!.every((q) => q.roles.includes("devops"))).toBe(true);
  });
});

describe("a broken ready-rounds file names the round and the field at fault", () => {
  const round = shipped.rounds[0]!;

  test("a question that is not in the bank", () => {
    const source = stringify({
      rounds: [{ ...round, questions: [round.questions[0], "no-such-question"] }],
    });
    expect(problems(source)).toEqual([
      'rounds.0.questions.1: "no-such-question" is not a question in the bank',
    ]);
  });

  test("missing and malformed fields, too many questions, a repeated id", () => {
    const source = stringify({
      rounds: [
        { ...round, title: "" },
        { ...round, questions: Array.from({ length: 11 }, (_, i) => `q-${i}`) },
        { ...round, id: "Not A Slug", extra: true },
      ],
    });
    const found = problems(source).join("\n");
    expect(found).toMatch(/^rounds\.0\.title: must not be empty$/m);
    expect(found).toMatch(/^rounds\.1\.questions: a round has at most 10 questions$/m);
    expect(found).toMatch(/^rounds\.2\.id: Use lower-case letters and digits, with hyphens/m);
    expect(found).toMatch(/^rounds\.2: .*extra/m);
  });

  test("the same round twice, or a question listed twice in one", () => {
    const twice = stringify({
      rounds: [round, { ...round, questions: [round.questions[0], round.questions[0]] }],
    });
    const found = problems(twice);
    expect(found).toContain(`rounds.1.id: "${round.id}" is already used by rounds.0`);
    expect(found).toContain(`rounds.1.questions: "${round.questions[0]}" is listed twice`);
  });

  test("invalid YAML, an empty list, a missing file", () => {
    expect(problems("rounds: [unclosed\n")[0]).toMatch(/^YAML: /);
    expect(problems("rounds: []\n")).toEqual(["rounds: list at least one ready round"]);
    const dir = mkdtempSync(path.join(tmpdir(), "ready-"));
    expect(() => readReadyRounds(dir, bank)).toThrow(BankFileError);
    writeFileSync(path.join(dir, "ready-rounds.yaml"), stringify(shipped));
    expect(readReadyRounds(dir, bank)).toHaveLength(5);
  });
});
