import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "~/utils/zod";
import { requireUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/form-errors";
import { getPreferences, updatePreferences } from "~/preferences/preferences.server";
import { parseForm } from "~/utils/forms";
import { redirectWithNotice } from "~/utils/notice.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { lowAnxiety, readAloud } = getPreferences(user.id);
  return { lowAnxiety, readAloud };
}

/** An unticked checkbox is not sent at all, so "absent" means off. */
const preferencesSchema = z.object({
  lowAnxiety: z.literal("on", { error: "Tick the box or leave it empty." }).optional(),
  readAloud: z.literal("on", { error: "Tick the box or leave it empty." }).optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = parseForm(preferencesSchema, await request.formData());
  if (!form.ok) return data(form, { status: 400 });
  updatePreferences(user.id, {
    lowAnxiety: form.data.lowAnxiety === "on",
    readAloud: form.data.readAloud === "on",
  });
  throw await redirectWithNotice("/preferences", { type: "success", text: "Preferences saved." });
}

export default function PreferencesPage() {
  const { lowAnxiety, readAloud } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="narrow">
      <h1>Preferences</h1>
      <Form method="post" className="stack">
        <FormErrors errors={result?.errors.form} />
        <label className="check">
          <input
            type="checkbox"
            name="lowAnxiety"
            defaultChecked={lowAnxiety}
            aria-describedby="low-anxiety-hint"
          />{" "}
          Low-anxiety mode
        </label>
        <p id="low-anxiety-hint" className="hint">
          Scores are described in words, from &ldquo;Early days&rdquo; through &ldquo;Fair&rdquo;
          and &ldquo;Good&rdquo; to &ldquo;Strong&rdquo;, instead of numbers on every page and in a
          round&rsquo;s Markdown export. They are still recorded, so progress keeps counting, and
          all the written feedback stays. The full data download (JSON) keeps the numbers.
        </p>
        <FormErrors errors={result?.errors.fields.lowAnxiety} />
        <label className="check">
          <input
            type="checkbox"
            name="readAloud"
            defaultChecked={readAloud}
            aria-describedby="read-aloud-hint"
          />{" "}
          Read each question aloud
        </label>
        <p id="read-aloud-hint" className="hint">
          When a question or follow-up opens, the browser reads it aloud once with its own speech
          synthesis (on this machine; nothing is sent anywhere). &ldquo;Read the question
          aloud&rdquo; stays on the page to hear it again or stop it. A browser without speech
          synthesis, or one that will not speak before you have clicked on the page, reads nothing
          by itself.
        </p>
        <FormErrors errors={result?.errors.fields.readAloud} />
        <button type="submit" disabled={busy}>
          Save preferences
        </button>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Preferences · Rehearse" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
