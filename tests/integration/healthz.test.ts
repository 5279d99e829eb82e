import { sql } from "drizzle-orm";
import { afterEach, expect, test } from "vitest";
import { getDb } from "~/db.server";
import { loader } from "~/routes/healthz/route";

afterEach(() => {
  // Put back what the test below took away.
  getDb().run(sql`DELETE FROM __drizzle_migrations WHERE hash = 'test-removed'`);
});

test("healthz: 200 with the database up and every migration applied", async () => {
  const response = await loader();
  expect(response.status).toBe(200);
  expect(response.headers.get("Cache-Control")).toBe("no-store");
  const body = (await response.json()) as {
    ok: boolean;
    database: string;
    migrations: { applied: number; known: number; latest: string };
  };
  expect(body.ok).toBe(true);
  expect(body.database).toBe("ok");
  expect(body.migrations.applied).toBe(body.migrations.known);
  expect(body.migrations.latest).toMatch(/^\d{4}_/);
});

test("healthz: 503 when the database has a migration the build does not know (or misses one)", async () => {
  getDb().run(sql`INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('test-removed', 1)`);
  const response = await loader();
  expect(response.status).toBe(503);
  expect(await response.json()).toMatchObject({ ok: false, database: "ok" });
});
