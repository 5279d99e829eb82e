import { describe, expect, test } from "vitest";
import { loadBankFrom } from "~/question-bank/load-bank.server";
import { selectQuestions } from "./select-questions";

const bank = loadBankFrom("question-bank");

describe("selecting a round's questions", () => {
  test("kinds and skills narrow together: a concept question about databases, never any concept or any databases question", () => {
    const picked = selectQuestions(bank, { skills: ["databases"], kinds: ["concept"], band: "3-5", count: 100 });
    const expected = bank.filter((q) => q.bands.includes("3-5") && q.kind === "concept" && q.skills.includes("databases"));
    expect(expected.length).toBeGreaterThan(0);
    expect(picked.map((q) => q.id).sort()).toEqual(expected.map((q) => q.id).sort());
    // Either left open: all kinds with the skill, or every skill of the kind.
    for (const q of selectQuestions(bank, { skills: ["docker"], kinds: [], band: "3-5", count: 100 })) expect(q.skills).toContain("docker");
    for (const q of selectQuestions(bank, { skills: [], kinds: ["behavioural"], band: "3-5", count: 100 })) expect(q.kind).toBe("behavioural");
    expect(selectQuestions(bank, { skills: [], kinds: [], band: "3-5", count: 2 })).toHaveLength(2);
  });

  test("a kind and a skill that never meet select nothing (the page then says so)", () => {
    expect(selectQuestions(bank, { skills: ["docker"], kinds: ["behavioural"], band: "3-5", count: 10 })).toEqual([]);
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
