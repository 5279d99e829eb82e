import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { assertSameOrigin } from "~/auth/same-origin.server";
import { safeRedirect } from "~/auth/session.server";
import { themeFormSchema } from "~/theme/theme-form";
import { themeCookieHeader } from "~/theme/theme.server";
import { parseSubmission } from "~/utils/submission.server";

export async function loader() {
  return redirect("/");
}

/**
 * The header's theme switch: a plain form post (it works without JavaScript)
 * that remembers the choice in a cookie and goes back to the page it came from.
 */
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const submission = parseSubmission(await request.formData(), { schema: themeFormSchema });
  // Only a hand-made post gets here (the switch sends one of its three buttons): a plain 400.
  if (submission.status !== "success")
    return new Response("Choose light, dark or system.", { status: 400 });
  return redirect(safeRedirect(submission.value.redirectTo), {
    headers: { "Set-Cookie": await themeCookieHeader(submission.value.theme) },
  });
}
