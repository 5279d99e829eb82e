/**
 * Watches a JSON object arrive in pieces and reports each value as soon as it
 * is complete, down to `maxDepth` levels below the root: by default the root's
 * fields (path [key]) and their members ([key, index] or [key, key]); with 3,
 * also theirs (["criteria", "trade-offs", "rationale"]), so a criterion's
 * rationale shows before its score arrives. Strings and containers are
 * reported (numbers, booleans and null only as part of their container). One
 * pass over the text in total, however small the pieces, so streaming
 * progress costs next to nothing; text before the root object (prose, a code
 * fence) is skipped.
 */

export type JsonPath = readonly (string | number)[];

interface Frame {
  kind: "object" | "array";
  /** Where this container starts, when its completion is reported. */
  start: number;
  /** Its path from the root; null for the root and for anything deeper than reported. */
  path: JsonPath | null;
  /** Objects: the key being read or last read, and whether the next string is a key. */
  key: string | null;
  expectKey: boolean;
  /** Arrays: index of the current element. */
  index: number;
}

export interface JsonStreamWatcher {
  push(piece: string): void;
}

export function createJsonStreamWatcher(
  onValue: (path: JsonPath, value: unknown) => void,
  { maxDepth = 2 }: { maxDepth?: number } = {},
): JsonStreamWatcher {
  let text = "";
  let scanned = 0;
  const stack: Frame[] = [];
  let started = false;
  let done = false;
  let inString = false;
  let escaped = false;
  let stringStart = 0;

  const emit = (path: JsonPath, start: number, end: number) => {
    let value: unknown;
    try {
      value = JSON.parse(text.slice(start, end));
    } catch {
      return;
    }
    onValue(path, value);
  };

  /** The path a value starting now would have, if it is one we report. */
  const pathHere = (): JsonPath | null => {
    const parent = stack[stack.length - 1];
    if (!parent || stack.length > maxDepth) return null;
    const base = stack.length === 1 ? [] : parent.path;
    if (!base) return null;
    if (parent.kind === "array") return [...base, parent.index];
    return parent.key === null ? null : [...base, parent.key];
  };

  const closeString = (end: number) => {
    const parent = stack[stack.length - 1];
    if (parent?.kind === "object" && parent.expectKey) {
      try {
        parent.key = JSON.parse(text.slice(stringStart, end)) as string;
      } catch {
        parent.key = null;
      }
      return;
    }
    const path = pathHere();
    if (path) emit(path, stringStart, end);
  };

  const step = (char: string, at: number) => {
    if (inString) {
      if (escaped) escaped = false;
      else if (char === "\\") escaped = true;
      else if (char === '"') {
        inString = false;
        closeString(at + 1);
      }
      return;
    }
    const top = stack[stack.length - 1];
    switch (char) {
      case '"':
        inString = true;
        stringStart = at;
        break;
      case "{":
      case "[":
        stack.push({
          kind: char === "{" ? "object" : "array",
          start: at,
          path: pathHere(),
          key: null,
          expectKey: char === "{",
          index: 0,
        });
        break;
      case "}":
      case "]": {
        const frame = stack.pop();
        if (frame?.path) emit(frame.path, frame.start, at + 1);
        if (stack.length === 0) done = true;
        break;
      }
      case ",":
        if (top?.kind === "object") top.expectKey = true;
        else if (top) top.index++;
        break;
      case ":":
        if (top?.kind === "object") top.expectKey = false;
        break;
    }
  };

  return {
    push(piece) {
      if (done || piece.length === 0) return;
      text += piece;
      for (; scanned < text.length && !done; scanned++) {
        const char = text[scanned] as string;
        if (!started) {
          if (char !== "{") continue;
          started = true;
        }
        step(char, scanned);
      }
    },
  };
}
