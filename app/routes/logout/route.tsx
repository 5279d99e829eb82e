import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { assertSameOrigin } from "~/auth/same-origin.server";
import { endSession } from "~/auth/session.server";

export async function loader() {
  return redirect("/");
}

/** `scope=everywhere` (the settings page's button) ends every session of the user, this one included. */
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = await request.formData();
  return endSession(request, { everywhere: form.get("scope") === "everywhere" });
}
