import { describe, expect, test } from "vitest";
import { ECHO_CHARS_MAX, ECHO_FIELDS_MAX } from "./forms";
import { parseSubmission } from "./submission.server";
import { z } from "./zod";

const schema = z.object({
  name: z.string().min(1, "Name is required."),
  tags: z.array(z.string()),
  password: z.string(),
  rows: z.array(z.object({ text: z.string().min(1, "Write the row.") })).default([]),
});

function form(entries: [string, string | Blob][]): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe("parseSubmission", () => {
  test("values are kept as typed; repeated names become lists, indexed names rows", () => {
    const ok = parseSubmission(
      form([
        ["name", "a"],
        ["tags", "x"],
        ["tags", "y"],
        ["password", " p "],
        ["rows[0].text", "r"],
      ]),
      { schema },
    );
    expect(ok.status).toBe("success");
    expect(ok.status === "success" && ok.value).toEqual({
      name: "a",
      tags: ["x", "y"],
      password: " p ",
      rows: [{ text: "r" }],
    });
    const one = parseSubmission(
      form([
        ["name", "a"],
        ["tags", "x"],
        ["password", ""],
      ]),
      { schema },
    );
    expect(one.status === "success" && one.value.tags).toEqual(["x"]);
    const none = parseSubmission(
      form([
        ["name", "a"],
        ["password", ""],
      ]),
      { schema },
    );
    expect(none.status === "success" && none.value.tags).toEqual([]);
  });

  test("an empty box is an empty string to the schema, so its own message is the one shown", () => {
    const bad = parseSubmission(
      form([
        ["name", ""],
        ["password", "secret"],
      ]),
      { schema },
    );
    const reply = bad.reply({ hideFields: ["password"] });
    expect(reply.error).toEqual({ name: ["Name is required."] });
    expect(reply.initialValue).not.toHaveProperty("password");
  });

  test("files are not mistaken for text", () => {
    const bad = parseSubmission(
      form([
        ["password", "p"],
        ["name", new File(["x"], "x.txt")],
      ]),
      { schema },
    );
    expect(bad.reply().error).toEqual({ name: ["Name is required."] });
  });

  test("a malformed or misdirected intent is ignored, not a crash", () => {
    for (const intent of ["not json", '{"type":"insert","payload":{"name":"name"}}']) {
      const submission = parseSubmission(
        form([
          ["name", "a"],
          ["password", "p"],
          ["__intent__", intent],
        ]),
        { schema },
      );
      expect(submission.status).toBe("success");
    }
  });

  test("a list button's intent adds a row without validating the form", () => {
    const submission = parseSubmission(
      form([
        ["name", ""],
        ["password", ""],
        ["__intent__", JSON.stringify({ type: "insert", payload: { name: "rows" } })],
      ]),
      { schema },
    );
    expect(submission.status).toBeUndefined();
    const reply = submission.reply();
    expect(reply.intent?.type).toBe("insert");
  });
});

describe("parseSubmission against hostile forms", () => {
  const formWith = (fields: number, name = (i: number) => `f${i}`) => {
    const data = new FormData();
    data.append("name", "");
    for (let i = 0; i < fields; i += 1) data.append(name(i), "x");
    return data;
  };
  /** Median time of five parses and replies: the machine is shared, so one timing says little. */
  const medianMs = (data: FormData) => {
    const times = Array.from({ length: 5 }, () => {
      const started = performance.now();
      parseSubmission(data, { schema }).reply();
      return performance.now() - started;
    }).sort((a, b) => a - b);
    return times[2] as number;
  };

  test("80,000 distinct fields are parsed in linear time and echoed at most ECHO_FIELDS_MAX, the first posted first", () => {
    const large = formWith(80_000);
    const reply = parseSubmission(large, { schema }).reply();
    const echoed = Object.keys(reply.initialValue ?? {});
    expect(echoed.length).toBeLessThanOrEqual(ECHO_FIELDS_MAX);
    expect(echoed).toContain("f0");
    expect(reply.fields?.length).toBeLessThanOrEqual(ECHO_FIELDS_MAX);
    expect(reply.error?.name).toEqual(["Name is required."]);
    // Ten times the fields: linear work takes about ten times as long, quadratic about a hundred.
    expect(medianMs(large) / Math.max(medianMs(formWith(8_000)), 0.05)).toBeLessThan(40);
  });

  test("one name repeated 80,000 times (quadratic in Conform's gathering) costs no more than distinct names", () => {
    const repeated = formWith(80_000, () => "tags");
    const started = performance.now();
    const reply = parseSubmission(repeated, { schema }).reply();
    expect(performance.now() - started).toBeLessThan(5 * Math.max(medianMs(formWith(80_000)), 50));
    expect((reply.initialValue?.tags as string[]).length).toBeLessThanOrEqual(ECHO_FIELDS_MAX);
  });

  test("a huge value is never echoed back whole, nor an index that would make a huge list", () => {
    const big = "y".repeat(1_000_000);
    const reply = parseSubmission(
      form([
        ["name", ""],
        ["note", big],
        ["password", "p"],
        ["rows[999999999].text", "x"],
      ]),
      { schema },
    ).reply();
    expect((reply.initialValue?.note as string).length).toBe(ECHO_CHARS_MAX);
    expect(reply.initialValue).not.toHaveProperty("rows");
    expect(JSON.stringify(reply).length).toBeLessThan(ECHO_CHARS_MAX * 2);
  });

  test("a key named like an Object property is just a field", () => {
    const ok = parseSubmission(
      form([
        ["name", "a"],
        ["password", "p"],
        ["__proto__", "x"],
        ["constructor", "y"],
        ["toString", "z"],
      ]),
      { schema },
    );
    expect(ok.status).toBe("success");
  });
});
