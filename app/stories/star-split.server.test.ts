import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parseQuestionFile } from "~/question-bank/load-bank.server";
import { splitIntoStar } from "./star-split.server";

// One file, not the whole bank: these tests are about the split, not about every question parsing.
const FILE = path.resolve("question-bank/production-incident.yaml");
const incident = parseQuestionFile(FILE, readFileSync(FILE, "utf8"));

const LABELLED =
  "Situation: our checkout API started failing at 2am and the error rate hit 18%. Task: I was on call and owned the recovery. " +
  "Action: I rolled back the deploy, added a canary check and wrote the postmortem. Result: errors fell under 0.5% within 12 minutes.";

const NARRATIVE = [
  "Last year at my previous company our payments service went down during Black Friday.",
  "I was the on-call engineer, so I was responsible for getting it back.",
  "I checked the dashboards and saw the database connections were exhausted.",
  "I added PgBouncer and raised the pool limit.",
  "As a result, checkout errors dropped from 12% to 0.2% within 20 minutes.",
  "I learned to load test every release before peak season.",
].join(" ");

describe("splitting an answer into STAR parts", () => {
  test("labelled parts land in their fields without the labels", () => {
    expect(splitIntoStar(LABELLED, incident, [])).toEqual({
      situation: "our checkout API started failing at 2am and the error rate hit 18%.",
      task: "I was on call and owned the recovery.",
      action: "I rolled back the deploy, added a canary check and wrote the postmortem.",
      result: "errors fell under 0.5% within 12 minutes.",
    });
  });

  test("a told story splits at the grader's task, first action and result sentences; the lesson stays with the result", () => {
    const parts = splitIntoStar(NARRATIVE, incident, []);
    expect(parts.situation).toBe(
      "Last year at my previous company our payments service went down during Black Friday.",
    );
    expect(parts.task).toBe(
      "I was the on-call engineer, so I was responsible for getting it back.",
    );
    expect(parts.action).toBe(
      "I checked the dashboards and saw the database connections were exhausted. I added PgBouncer and raised the pool limit.",
    );
    expect(parts.result).toBe(
      "As a result, checkout errors dropped from 12% to 0.2% within 20 minutes. I learned to load test every release before peak season.",
    );
  });

  test("a part the grade found missing stays empty, and its sentences go to the part before it", () => {
    const parts = splitIntoStar(NARRATIVE, incident, ["result"]);
    expect(parts.result).toBe("");
    expect(parts.action).toMatch(/^I checked the dashboards.*peak season\.$/);
  });

  test("without a situation, the opening sentences go to the first part placed; nothing typed is dropped", () => {
    const parts = splitIntoStar(NARRATIVE, incident, ["situation", "task"]);
    expect(parts.situation).toBe("");
    expect(parts.task).toBe("");
    expect(parts.action.startsWith("Last year at my previous company")).toBe(true);
    expect(`${parts.action} ${parts.result}`.replace(/\s+/g, " ")).toBe(NARRATIVE);
  });

  test("line breaks inside a part are kept; an empty answer gives empty parts", () => {
    const parts = splitIntoStar(
      NARRATIVE.replace(" I added PgBouncer", "\nI added PgBouncer"),
      incident,
      [],
    );
    expect(parts.action).toContain("exhausted.\nI added PgBouncer");
    expect(splitIntoStar("   ", incident, [])).toEqual({
      situation: "",
      task: "",
      action: "",
      result: "",
    });
  });

  test("every part missing leaves every field empty", () => {
    expect(splitIntoStar(NARRATIVE, incident, ["situation", "task", "action", "result"])).toEqual({
      situation: "",
      task: "",
      action: "",
      result: "",
    });
  });
});
