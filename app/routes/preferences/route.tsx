import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { ErrorList } from "~/components/form-errors";
import { preferencesSchema } from "~/preferences/preferences-form.server";
import { getPreferences, updatePreferences } from "~/preferences/preferences.server";
import { redirectWithNotice } from "~/utils/notice.server";
import { parseSubmission } from "~/utils/submission.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { lowAnxiety, readAloud } = getPreferences(user.id);
  return { lowAnxiety, readAloud };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseSubmission(await request.formData(), { schema: preferencesSchema });
  if (submission.status !== "success")
    return data(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  updatePreferences(user.id, {
    lowAnxiety: submission.value.lowAnxiety === "on",
    readAloud: submission.value.readAloud === "on",
  });
  throw await redirectWithNotice("/preferences", { type: "success", text: "Preferences saved." });
}

export default function PreferencesPage() {
  const { lowAnxiety, readAloud } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm<{ lowAnxiety?: "on"; readAloud?: "on" }>({
    id: "preferences",
    lastResult,
    defaultValue: {
      lowAnxiety: lowAnxiety ? "on" : undefined,
      readAloud: readAloud ? "on" : undefined,
    },
  });
  return (
    <section className="narrow">
      <h1>Preferences</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <label className="check">
          <input
            {...getInputProps(fields.lowAnxiety, {
              type: "checkbox",
              ariaDescribedBy: fields.lowAnxiety.descriptionId,
            })}
          />{" "}
          Low-anxiety mode
        </label>
        <p id={fields.lowAnxiety.descriptionId} className="hint">
          Scores are described in words, from &ldquo;Early days&rdquo; through &ldquo;Fair&rdquo;
          and &ldquo;Good&rdquo; to &ldquo;Strong&rdquo;, instead of numbers on every page and in a
          round&rsquo;s Markdown export. They are still recorded, so progress keeps counting, and
          all the written feedback stays. The full data download (JSON) keeps the numbers.
        </p>
        <ErrorList id={fields.lowAnxiety.errorId} errors={fields.lowAnxiety.errors} />
        <label className="check">
          <input
            {...getInputProps(fields.readAloud, {
              type: "checkbox",
              ariaDescribedBy: fields.readAloud.descriptionId,
            })}
          />{" "}
          Read each question aloud
        </label>
        <p id={fields.readAloud.descriptionId} className="hint">
          When a question or follow-up opens, the browser reads it aloud once with its own speech
          synthesis (on this machine; nothing is sent anywhere). &ldquo;Read the question
          aloud&rdquo; stays on the page to hear it again or stop it. A browser without speech
          synthesis, or one that will not speak before you have clicked on the page, reads nothing
          by itself.
        </p>
        <ErrorList id={fields.readAloud.errorId} errors={fields.readAloud.errors} />
        <button type="submit" disabled={busy}>
          Save preferences
        </button>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Preferences · Rehearse" }];
