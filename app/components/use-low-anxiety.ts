import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "~/root";

/** Whether the signed-in user asked for scores in words instead of numbers (low-anxiety mode). */
export function useLowAnxiety(): boolean {
  return useRouteLoaderData<typeof rootLoader>("root")?.user?.lowAnxiety ?? false;
}
