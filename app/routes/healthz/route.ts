import { databaseHealth } from "~/db.server";

/**
 * For load balancers and operators: 200 when the database answers and every
 * migration the build knows is applied, 503 otherwise. Says no more than that
 * (no paths, no errors): it is served to anyone.
 */
export async function loader() {
  const health = databaseHealth();
  return Response.json(health, {
    status: health.ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
