import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import type { loader as rootLoader } from "~/root";
import { dateFormat, type DateFormat } from "./format";

/** Dates formatted in the time zone the root loader read from the browser's cookie (UTC until it has one). */
export function useDateFormat(): DateFormat {
  const timeZone = useRouteLoaderData<typeof rootLoader>("root")?.timeZone ?? "UTC";
  return useMemo(() => dateFormat(timeZone), [timeZone]);
}
