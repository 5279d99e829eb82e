import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { exportUserData } from "./export-data.server";
import { isoDay } from "~/dates/format";
import { download } from "~/utils/download.server";

/** GET /export.json — all of the signed-in user's data as one JSON download. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return download(JSON.stringify(exportUserData(user.id), null, 2), {
    name: `rehearse-${user.username}-${isoDay(Date.now())}.json`,
    type: "application/json; charset=utf-8",
  });
}
