/**
 * Watches a JSON object arrive in pieces and reports each value as soon as it
 * is complete: the root's fields (path [key]) and the elements of root-level
 * arrays (path [key, index]). One pass over the text in total, however small
 * the pieces, so streaming progress costs next to nothing; text before the
 * root object (prose, a code fence) is skipped.
 */

export type JsonPath = [string] | [string, number];

interface Frame {
  kind: "object" | "array";
  /** Where this container starts, when its completion is reported. */
  start: number;
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
    if (!parent) return null;
    if (stack.length === 1 && parent.kind === "object" && parent.key !== null) return [parent.key];
    if (stack.length === 2 && parent.kind === "array" && parent.path?.length === 1)
      return [parent.path[0], parent.index];
    return null;
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
