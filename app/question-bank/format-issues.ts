import type { z } from "~/utils/zod";

/**
 * Problems with a question (a bank file, your own question, a pack) as
 * sentences a person would write: "Criterion 2, key point 1: add at least one
 * phrasing." The sentences themselves live in the schemas
 * (question-schema.ts, pack-schema.ts); `questionIssueMessage` words what a
 * schema leaves to zod (a missing field, an unknown one, a wrong type), and
 * `placeOf` says where, in words rather than as a path.
 */

/** Lists whose items a location names: `rubric.1.keyPoints.0` is "criterion 2, key point 1". */
const ITEM_NOUNS: Record<string, string> = {
  questions: "question",
  rubric: "criterion",
  keyPoints: "key point",
  misconceptions: "misconception",
  phrasings: "phrasing",
  skills: "skill",
  competencies: "competency",
  bands: "band",
  roles: "role",
  probes: "follow-up question",
  tips: "tip",
};

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Where an issue is, in words ("Question 2, criterion 1"), or "" when its field alone says it. */
export function placeOf(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  path.forEach((segment, i) => {
    const next = path[i + 1];
    if (typeof segment === "string" && typeof next === "number") {
      parts.push(`${ITEM_NOUNS[segment] ?? segment} ${next + 1}`);
    }
  });
  return capitalise(parts.join(", "));
}

/** A sentence with its place in front: "Criterion 1: add at least one key point." */
export function sentenceAt(path: readonly PropertyKey[], message: string): string {
  const place = placeOf(path);
  // "Add …" reads on after the colon as "add …"; a sentence opening with a name ("YAML …") keeps its capital.
  const lowered = /^[A-Z][a-z]/.test(message)
    ? message.charAt(0).toLowerCase() + message.slice(1)
    : message;
  return place ? `${place}: ${lowered}` : capitalise(message);
}

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  array: "a list",
  object: "a set of fields (name: value)",
  boolean: "true or false",
};

/**
 * What zod says in its own words (`expected array, received string`), said
 * for a person: passed as the error map of every parse of a question, so it
 * only words the issues a schema gave no sentence of its own.
 */
export function questionIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  const key = issue.path?.at(-1);
  const field =
    typeof key === "string" ? `“${key}”` : issue.path?.length ? "this item" : "the file";
  switch (issue.code) {
    case "invalid_type": {
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      return issue.input === undefined
        ? `Add the ${field} field.`
        : `Write ${field} as ${expected}.`;
    }
    case "unrecognized_keys": {
      const keys = issue.keys.map((k) => `“${k}”`).join(", ");
      return `Remove ${keys}: there is no such field here.`;
    }
    case "invalid_value":
      return `Pick one of: ${issue.values.map(String).join(", ")}.`;
    case "too_small":
      return issue.origin === "array" || issue.origin === "set"
        ? `Add at least ${String(issue.minimum)}.`
        : `Make this at least ${String(issue.minimum)}${issue.origin === "string" ? " characters long" : ""}.`;
    case "too_big":
      return issue.origin === "array" || issue.origin === "set"
        ? `List at most ${String(issue.maximum)}.`
        : `Keep this to ${String(issue.maximum)}${issue.origin === "string" ? " characters" : ""} or fewer.`;
    default:
      return "This value is not allowed here.";
  }
}

/**
 * The issues worth saying: zod still runs a list's length checks on a value
 * that is no list ("just text" is "too big" for at most 6 criteria), which
 * would only confuse beside "write the rubric as a list".
 */
export function issuesToSay<I extends { code: string; path: PropertyKey[] }>(issues: I[]): I[] {
  const wrongType = new Set(
    issues.filter((i) => i.code === "invalid_type").map((i) => i.path.map(String).join(".")),
  );
  return issues.filter(
    (i) => i.code === "invalid_type" || !wrongType.has(i.path.map(String).join(".")),
  );
}

/** Each zod issue as a sentence with its place, for a person: your own question's form and a pack. */
export function issueSentences(error: z.ZodError): string[] {
  return issuesToSay(error.issues).map((issue) => sentenceAt(issue.path, issue.message));
}

/** Each zod issue as `path.to.field: message`, for the files a developer edits (bank, ready rounds, prompts). */
export function formatZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join(".") : "(root)";
    return `${field}: ${issue.message}`;
  });
}
