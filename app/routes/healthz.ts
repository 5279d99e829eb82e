import { sql } from "drizzle-orm";
import { getDb } from "~/db.server";

export async function loader() {
  getDb().run(sql`select 1`);
  return Response.json({ ok: true });
}
