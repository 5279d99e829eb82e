import { describe, expect, test } from "vitest";
import { z } from "~/utils/zod";
import { parseSearchParams } from "./search-params";

const filters = z.object({
  kind: z.enum(["concept", "design"], { error: "Choose a kind from the list." }).optional(),
  page: z.coerce.number().int().min(1, "Pages start at 1.").optional(),
});

describe("parseSearchParams", () => {
  test("reads a query string against its schema", () => {
    expect(parseSearchParams(filters, "http://x/history?kind=design&page=2")).toEqual({
      ok: true,
      data: { kind: "design", page: 2 },
    });
  });

  test("refuses it with each field's message, shaped like a form's errors", () => {
    const result = parseSearchParams(filters, "http://x/history?kind=poetry&page=0");
    expect(result).toEqual({
      ok: false,
      errors: {
        form: [],
        fields: { kind: ["Choose a kind from the list."], page: ["Pages start at 1."] },
      },
    });
  });

  test("a repeated name counts once, its first value", () => {
    expect(parseSearchParams(filters, "http://x/?page=3&page=oops")).toEqual({
      ok: true,
      data: { page: 3 },
    });
  });

  test("a __proto__ in the query is a name like any other, not the object's prototype", () => {
    const strict = z.strictObject({ kind: z.string().optional() });
    const result = parseSearchParams(strict, "http://x/?__proto__=polluted&kind=design");
    expect(result.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});
