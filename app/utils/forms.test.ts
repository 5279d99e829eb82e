import { z } from "~/utils/zod";
import { describe, expect, test } from "vitest";
import { parseForm } from "./forms";

const schema = z.object({ name: z.string().min(1, "Name is required."), tags: z.array(z.string()), password: z.string() });

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe("parseForm", () => {
  test("repeated fields become arrays; missing array fields are empty", () => {
    const ok = parseForm(schema, form([["name", "a"], ["tags", "x"], ["tags", "y"], ["password", "p"]]), ["tags"]);
    expect(ok).toEqual({ ok: true, data: { name: "a", tags: ["x", "y"], password: "p" } });
    const none = parseForm(schema, form([["name", "a"], ["password", "p"]]), ["tags"]);
    expect(none.ok && none.data.tags).toEqual([]);
  });

  test("errors come back per field with the typed values, never the password", () => {
    const bad = parseForm(schema, form([["name", ""], ["password", "secret"]]), ["tags"]);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.fields.name).toEqual(["Name is required."]);
    expect(bad.values).toEqual({ name: "", tags: [] });
  });

  test("files are not mistaken for text", () => {
    const data = form([["password", "p"], ["tags", "t"]]);
    data.append("name", new Blob(["x"]), "x.txt");
    const bad = parseForm(schema, data, ["tags"]);
    expect(bad.ok).toBe(false);
  });
});
