import { describe, expect, it } from "vitest";
import { formatCount } from "./format-count";

describe("formatCount", () => {
  it.each([
    [0, "0"],
    [7, "7"],
    [999, "999"],
    [1000, "1,000"],
    [10000, "10,000"],
    [1234567, "1,234,567"],
    [-1234, "-1,234"],
    [1234.5, "1,234.5"],
  ])("writes %d as %s, as toLocaleString('en') does", (value, text) => {
    expect(formatCount(value)).toBe(text);
    expect(formatCount(value)).toBe(value.toLocaleString("en", { maximumFractionDigits: 20 }));
  });
});
