import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";
import { describe, expect, test } from "vitest";
import { checkBank } from "./bank-check";

function run(dir: string) {
  const lines: string[] = [];
  const result = checkBank(dir, (line) => lines.push(line));
  return { result, output: lines.join("\n") };
}

describe("npm run bank:check", () => {
  test("the shipped bank passes and its coverage is listed per skill and band", () => {
    const { result, output } = run("question-bank");
    expect(result.errors.map((e) => `${e.file}: ${e.problems.join("; ")}`)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.questions).toBeGreaterThanOrEqual(40);
    expect(result.readyRounds).toBe(5);
    expect(output).toMatch(/^skill\s+0-2\s+3-5\s+5-8\s+8-12\s+12\+\s+all$/m);
    // rest-api: one line per skill with a count per band and the total.
    expect(output).toMatch(/^rest-api(\s+\d+){6}$/m);
    expect(output).toMatch(/^kinds: concept \d+, design \d+, behavioural \d+$/m);
    expect(output).toMatch(/^roles: backend \d+, devops \d+$/m);
  });

  test("a broken bank: every bad file and the ready round that names a missing question, and it fails", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bank-check-"));
    for (const name of readdirSync("question-bank"))
      copyFileSync(path.join("question-bank", name), path.join(dir, name));
    const docker = parse(readFileSync(path.join(dir, "explain-docker.yaml"), "utf8")) as Record<
      string,
      unknown
    >;
    writeFileSync(
      path.join(dir, "explain-docker.yaml"),
      stringify({ ...docker, kind: "trivia", bands: [] }),
    );
    writeFileSync(path.join(dir, "sql-joins.yaml"), "id: [unclosed\n");

    const { result, output } = run(dir);
    expect(result.ok).toBe(false);
    const files = result.errors.map((e) => path.basename(e.file));
    expect(files).toEqual(["explain-docker.yaml", "sql-joins.yaml", "ready-rounds.yaml"]);
    expect(output).toMatch(/explain-docker\.yaml\n\s+kind: .*\n\s+bands: /);
    expect(output).toMatch(/sql-joins\.yaml\n\s+YAML: /);
    // Both broken questions are in ready rounds, which therefore name them as missing.
    expect(output).toMatch(/rounds\.1\.questions\.2: "sql-joins" is not a question in the bank/);
    expect(output).toMatch(
      /rounds\.4\.questions\.0: "explain-docker" is not a question in the bank/,
    );
    expect(output).toMatch(/3 files with problems/);
  });
});
