import { expect, test, vi } from "vitest";

/**
 * Issue 16: in development server.js re-imports the rebuilt app on every change. The connection, the
 * rate limiters, the OpenAI client and the map of gradings in flight must survive that (a module
 * variable would open another connection each time and forget the gradings running in the old one).
 * A fresh module registry (vi.resetModules) is what a re-import gives.
 */
test("a re-imported app keeps the one database connection and the one OpenAI client", async () => {
  process.env.OPENAI_BASE_URL = "http://127.0.0.1:9/v1";
  const first = await import("~/db.server");
  const firstClient = (await import("~/grading/llm/openai-client.server")).getOpenAiClient();
  const db = first.getDb();
  const sqlite = first.getSqlite();

  vi.resetModules();
  const second = await import("~/db.server");
  expect(second).not.toBe(first);
  expect(second.getDb()).toBe(db);
  expect(second.getSqlite()).toBe(sqlite);
  expect((await import("~/grading/llm/openai-client.server")).getOpenAiClient()).toBe(firstClient);
  delete process.env.OPENAI_BASE_URL;
});

test("tests can still start from a fresh client", async () => {
  process.env.OPENAI_BASE_URL = "http://127.0.0.1:9/v1";
  const clients = await import("~/grading/llm/openai-client.server");
  const before = clients.getOpenAiClient();
  clients.resetOpenAiClientForTests();
  expect(clients.getOpenAiClient()).not.toBe(before);
  delete process.env.OPENAI_BASE_URL;
});
