import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { exportUserData } from "./export-data.server";
import { isoDay } from "~/dates/format";

/** GET /export.json — all of the signed-in user's data as one JSON download. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return new Response(JSON.stringify(exportUserData(user.id), null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="rehearse-${user.username}-${isoDay(Date.now())}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
