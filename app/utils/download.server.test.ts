import { expect, test } from "vitest";
import { download } from "./download.server";

test("a download is saved under its name, typed, and never cached on the way", async () => {
  const response = download("# Round\n", {
    name: "rehearse-round-2026-12-05.md",
    type: "text/markdown; charset=utf-8",
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("text/markdown; charset=utf-8");
  expect(response.headers.get("Content-Disposition")).toBe(
    'attachment; filename="rehearse-round-2026-12-05.md"',
  );
  expect(response.headers.get("Cache-Control")).toBe("private, no-store");
  expect(await response.text()).toBe("# Round\n");
});
