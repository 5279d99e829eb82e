import { describe, expect, test } from "vitest";
import { loadBankFrom } from "~/question-bank/load-bank.server";
import { selectQuestions } from "./select-questions";

const bank = loadBankFrom("question-bank");

describe("selecting a round's questions", () => {
  test("only the band's questions, matching any chosen kind or skill, at most the count", () => {
    const picked = selectQuestions(bank, { skills: ["docker"], kinds: ["behavioural"], band: "3-5", count: 10 });
    expect(picked.length).toBeGreaterThan(0);
    for (const q of picked) {
      expect(q.bands).toContain("3-5");
      expect(q.kind === "behavioural" || q.skills.includes("docker")).toBe(true);
    }
    expect(selectQuestions(bank, { skills: [], kinds: [], band: "3-5", count: 2 })).toHaveLength(2);
  });

  test("no filter means every question of the band; no match means none", () => {
    const all = selectQuestions(bank, { skills: [], kinds: [], band: "3-5", count: 100 });
    expect(all).toHaveLength(bank.filter((q) => q.bands.includes("3-5")).length);
    expect(selectQuestions(bank, { skills: ["cobol"], kinds: [], band: "3-5", count: 5 })).toEqual([]);
  });

  test("the order is random but never repeats a question", () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const picked = selectQuestions(bank, { skills: [], kinds: [], band: "3-5", count: 100 }, random);
    expect(new Set(picked.map((q) => q.id)).size).toBe(picked.length);
  });
});
