import type { ActionFunctionArgs } from "@remix-run/node";
import { saveDraftAction } from "~/answering/answer-page.server";

/** The answer box's autosave (`?slot=` names a follow-up): JSON, posted with fetch by useDraftAutosave. */
export async function action({ request, params }: ActionFunctionArgs) {
  return saveDraftAction(request, params);
}
