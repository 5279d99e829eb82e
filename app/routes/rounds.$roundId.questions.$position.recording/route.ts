import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { recordingAction, recordingLoader } from "~/voice/recording-route.server";

/** A spoken answer's audio (`?slot=` names a follow-up): uploaded by the recorder, replayed by <audio>. See recording-route.server.ts. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return recordingLoader(request, params);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return recordingAction(request, params);
}
