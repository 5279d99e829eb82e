import { describe, expect, it } from "vitest";
import { applyCorrections } from "./typos";

describe("applyCorrections", () => {
  it("maps offsets in the corrected text back to the original", () => {
    const original = "The servr is statelss and fast.";
    const corrected = applyCorrections(original, [
      { start: 4, end: 9, replacement: "server" },
      { start: 13, end: 21, replacement: "stateless" },
    ]);
    expect(corrected.text).toBe("The server is stateless and fast.");
    const start = corrected.text.indexOf("and");
    expect(original.slice(corrected.toOriginal(start), corrected.toOriginal(start + 3))).toBe("and");
    expect(corrected.toOriginal(0)).toBe(0);
  });
});
