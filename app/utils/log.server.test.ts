import { afterEach, describe, expect, test, vi } from "vitest";
import { createRouteMatcher, logError, logRequest } from "./log.server";

function captured(run: () => void): Record<string, unknown>[] {
  const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  try {
    run();
    return write.mock.calls.map(([line]) => {
      expect(String(line).endsWith("\n")).toBe(true);
      expect(String(line).trimEnd()).not.toContain("\n");
      return JSON.parse(String(line)) as Record<string, unknown>;
    });
  } finally {
    write.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe("log lines", () => {
  test("an error is one line with its stack", () => {
    const [line] = captured(() =>
      logError("unhandled error", new Error("boom"), { method: "GET" }),
    );
    expect(line).toMatchObject({
      level: "error",
      msg: "unhandled error",
      method: "GET",
      error: "Error",
      message: "boom",
    });
    expect(line!.stack).toMatch(/^Error: boom\n\s+at /);
    expect(typeof line!.time).toBe("string");
  });

  test("a request line has exactly its fields", () => {
    const [line] = captured(() =>
      logRequest({ method: "POST", route: "routes/login", status: 429, ms: 12.345 }),
    );
    expect(Object.keys(line!).sort()).toEqual([
      "level",
      "method",
      "ms",
      "msg",
      "pid",
      "route",
      "status",
      "time",
    ]);
    expect(line!.ms).toBe(12.3);
  });
});

describe("route ids", () => {
  const routes = {
    root: { id: "root", path: "" },
    "routes/_index": { id: "routes/_index", parentId: "root", index: true },
    "routes/questions.new": { id: "routes/questions.new", parentId: "root", path: "questions/new" },
    "routes/questions.$id": { id: "routes/questions.$id", parentId: "root", path: "questions/:id" },
  };
  const routeIdFor = createRouteMatcher(routes);

  test("Remix's ranking: a static segment beats a parameter; data requests name their page", () => {
    expect(routeIdFor("/")).toBe("routes/_index");
    expect(routeIdFor("/_root.data")).toBe("routes/_index");
    expect(routeIdFor("/questions/new")).toBe("routes/questions.new");
    expect(routeIdFor("/questions/http-caching")).toBe("routes/questions.$id");
    expect(routeIdFor("/questions/http-caching.data")).toBe("routes/questions.$id");
    expect(routeIdFor("/nowhere/at/all")).toBe(null);
  });
});
