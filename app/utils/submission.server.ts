import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { configureCoercion } from "@conform-to/zod/v4/future";
import { z } from "./zod";
import { ECHO_CHARS_MAX, ECHO_FIELDS_MAX } from "./forms";

/** Conform's reserved names: a list or validate button's intent, and the client's form state. */
const CONTROL_NAMES = new Set(["__intent__", "__state__"]);
/** A button's intent is a short JSON object; nothing longer is a button Conform drew. */
const CONTROL_CHARS_MAX = 2_000;
/**
 * The names a form of ours uses: `title`, `criteria[2].name`. An index of at
 * most two digits keeps a posted `x[999999999]` from becoming an array of a
 * billion slots; no list in the app comes near a hundred rows.
 */
const FIELD_NAME = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d{1,2}\])*$/;
const NAME_CHARS_MAX = 100;

/*
 * The schemas were written for the strings a browser posts ("" for an empty
 * box, z.literal("") for "no choice", z.coerce for numbers). Conform's default
 * coercion would turn "" into undefined and numbers into NaN, changing their
 * messages; here it only shapes the post (repeated names into lists, dotted
 * and indexed names into rows) and leaves each value as it was typed.
 */
const LEAF_TYPES = new Set([
  "string",
  "number",
  "boolean",
  "bigint",
  "date",
  "literal",
  "enum",
  "file",
]);
const { coerceFormValue: asPosted } = configureCoercion({
  stripEmptyString: (text) => text,
  customize: (type) => (LEAF_TYPES.has(type._zod.def.type) ? (value) => value : null),
});

/**
 * A posted form validated against its schema by Conform, for an action to
 * answer with `submission.reply(...)`. What it adds to `parseWithZod` is what
 * a hostile post must not do: a file is not text; a name repeated tens of
 * thousands of times (which Conform gathers in quadratic time) counts
 * ECHO_FIELDS_MAX times; a name no form of ours could have is dropped; a
 * malformed intent is ignored rather than a 500; and a reply echoes at most
 * ECHO_FIELDS_MAX values of ECHO_CHARS_MAX characters, in the order posted.
 */
export function parseSubmission<S extends z.ZodType>(
  formData: FormData,
  { schema }: { schema: S },
) {
  const posted = wellFormed(formData);
  const parse = () => parseWithZod(posted, { schema: asPosted(schema), disableAutoCoercion: true });
  let submission: ReturnType<typeof parse>;
  try {
    submission = parse();
  } catch {
    // An intent naming a list that is not one (or a value that is not JSON) throws inside Conform.
    for (const name of CONTROL_NAMES) posted.delete(name);
    submission = parse();
  }
  const reply: typeof submission.reply = (options) => bounded(submission.reply(options));
  return { ...submission, reply };
}

/**
 * A refusal for a post read some other way (an upload, streamed and bounded by
 * its own reader), in the same reply shape as `parseSubmission`'s: only the
 * errors given, no value echoed.
 */
export function refusal(errors: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) {
  return parseSubmission(new FormData(), { schema: z.object({}) }).reply(errors);
}

function wellFormed(formData: FormData): FormData {
  const kept = new FormData();
  const seen = new Map<string, number>();
  for (const [name, value] of formData.entries()) {
    if (CONTROL_NAMES.has(name)) {
      if (typeof value === "string" && value.length <= CONTROL_CHARS_MAX) kept.append(name, value);
      continue;
    }
    if (name.length > NAME_CHARS_MAX || !FIELD_NAME.test(name)) continue;
    const count = seen.get(name) ?? 0;
    // Every list in the app's schemas allows far fewer, so the cut cannot make a post valid.
    if (count >= ECHO_FIELDS_MAX) continue;
    seen.set(name, count + 1);
    kept.append(name, typeof value === "string" ? value : "");
  }
  return kept;
}

/** The reply cut to ECHO_FIELDS_MAX values in the order they were posted, each at most ECHO_CHARS_MAX characters. */
function bounded(result: SubmissionResult<string[]>): SubmissionResult<string[]> {
  const posted = result.fields ?? [];
  const topNames = [...new Set(posted.map((name) => name.split(/[.[]/)[0] as string))];
  let budget = ECHO_FIELDS_MAX;
  const cut = (value: unknown): unknown => {
    if (typeof value === "string") {
      budget -= 1;
      return value.slice(0, ECHO_CHARS_MAX);
    }
    if (Array.isArray(value)) return value.slice(0, budget).map(cut);
    if (value && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) {
        if (budget <= 0) break;
        out[key] = cut(inner);
      }
      return out;
    }
    return value;
  };
  const source = (result.initialValue ?? {}) as Record<string, unknown>;
  const initialValue: Record<string, unknown> = {};
  for (const name of topNames) {
    if (budget <= 0) break;
    if (Object.hasOwn(source, name)) initialValue[name] = cut(source[name]);
  }
  return {
    ...result,
    initialValue:
      result.initialValue === null ? null : (initialValue as typeof result.initialValue),
    fields: posted.slice(0, ECHO_FIELDS_MAX),
    error: result.error
      ? Object.fromEntries(Object.entries(result.error).slice(0, ECHO_FIELDS_MAX))
      : result.error,
  };
}
