import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { ErrorList } from "~/components/form-errors";
import { getEnv } from "~/env.server";
import { llmGradesToday, planGrading } from "~/grading/grade-answer.server";
import { describeLlm, isLlmConfigured } from "~/grading/llm/openai-client.server";
import { usageByGrader } from "~/grading/grader-usage.server";
import { parseSubmission } from "~/utils/submission.server";
import { checkTranscription } from "~/voice/check-transcription.server";
import { describeTranscription } from "~/voice/transcribe.server";
import { checkSchema } from "./check-form.server";
import { formatCount } from "~/utils/format-count";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const env = getEnv();
  // Only what the page needs: never the key, never a URL with credentials.
  return {
    mode: env.GRADER,
    plan: planGrading(user.id),
    llm: isLlmConfigured(env) ? describeLlm(env) : null,
    timeoutSeconds: Math.round(env.OPENAI_TIMEOUT_MS / 1000),
    dailyLimit: env.LLM_DAILY_LIMIT,
    usedToday: llmGradesToday(user.id),
    usage: usageByGrader(user.id),
    transcription: describeTranscription(env),
  };
}

/** "Check connection": asks the transcription server for its model list, now, on the user's request (a GET never does). */
export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  const submission = parseSubmission(await request.formData(), { schema: checkSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), check: null }, { status: 400 });
  return { result: undefined, check: await checkTranscription() };
}

export default function SettingsPage() {
  const { mode, plan, llm, timeoutSeconds, dailyLimit, usedToday, usage, transcription } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const checking = useNavigation().formData?.get("intent") === "check-transcription";
  const [form, fields] = useForm<{ intent: string }>({
    id: "check-transcription",
    lastResult: result?.result,
  });
  return (
    <section>
      <h1>Settings</h1>
      <h2>Grader</h2>
      <dl className="facts">
        <dt>Your next answer is graded by</dt>
        <dd>
          {plan.grader === "openai" ? `the LLM (${llm?.model})` : "the offline rubric grader"}
          {plan.grader === "offline" && plan.reason ? ` — ${plan.reason}` : ""}
        </dd>
        <dt>Grader setting</dt>
        <dd>
          <code>GRADER={mode}</code>
        </dd>
        {llm ? (
          <>
            <dt>Model</dt>
            <dd>{llm.model}</dd>
            <dt>Server</dt>
            <dd>
              {llm.server}
              {llm.mocked ? " (mocked: MOCKS=true)" : ""}
            </dd>
            <dt>Timeout</dt>
            <dd>{timeoutSeconds} s per call, then the offline grader stands in</dd>
            <dt>LLM calls today</dt>
            <dd>
              {usedToday} of {dailyLimit}
            </dd>
          </>
        ) : (
          <>
            <dt>LLM</dt>
            <dd>
              Not configured. Set OPENAI_API_KEY, or OPENAI_BASE_URL for a local OpenAI-compatible
              server.
            </dd>
          </>
        )}
      </dl>
      <h2>Voice answers</h2>
      <dl className="facts">
        <dt>Transcription</dt>
        <dd>
          {transcription.configured
            ? `${transcription.model} at ${transcription.server}${transcription.mocked ? " (mocked: MOCKS=true)" : ""}`
            : "Not configured: recordings are kept for replay, and the browser's own speech recognition is used where it exists. Set TRANSCRIBE_BASE_URL for a local Whisper server (see .env.example)."}
        </dd>
        {transcription.configured ? (
          <>
            <dt>Reachable</dt>
            <dd>
              <div role="status">
                {result?.check ? (
                  <>
                    <strong>{result.check.reachable ? "Reachable" : "Not reachable"}</strong>:{" "}
                    {result.check.detail}
                  </>
                ) : (
                  <span className="muted">
                    Not checked yet: this page calls no server until you ask.
                  </span>
                )}
              </div>
              <ErrorList id={form.errorId} errors={form.errors} />
              <ErrorList id={fields.intent.errorId} errors={fields.intent.errors} />
              <Form method="post" {...getFormProps(form)}>
                <input type="hidden" name="intent" value="check-transcription" />
                <button type="submit" className="secondary" disabled={checking}>
                  {checking ? "Checking…" : "Check connection"}
                </button>
              </Form>
            </dd>
          </>
        ) : null}
      </dl>
      <p>
        Prefer feedback in words without numbers? Turn on low-anxiety mode in{" "}
        <Link to="/preferences">Preferences</Link>.
      </p>
      <h2>Account</h2>
      <p>
        Change your password or delete your account and its data on the{" "}
        <Link to="/account">Account</Link> page.
      </p>
      <h2>Sessions</h2>
      <p>
        Logged in on a computer you no longer use? Log out everywhere: every browser and device
        signed in as you is logged out, this one included, and you log in again here.
      </p>
      <Form method="post" action="/logout" reloadDocument>
        <input type="hidden" name="scope" value="everywhere" />
        <button type="submit">Log out everywhere</button>
      </Form>
      <h2>Usage</h2>
      {usage.length === 0 ? (
        <p className="muted">No graded answers yet.</p>
      ) : (
        <table className="criteria">
          <thead>
            <tr>
              <th scope="col">Grader</th>
              <th scope="col">Grades</th>
              <th scope="col">Offline fallbacks</th>
              <th scope="col">Tokens in</th>
              <th scope="col">Tokens out</th>
              <th scope="col">Average time</th>
            </tr>
          </thead>
          <tbody>
            {usage.map((u) => (
              <tr key={u.grader}>
                <th scope="row">{u.grader === "openai" ? "LLM" : "Offline"}</th>
                <td data-label="Grades">{u.grades}</td>
                <td data-label="Offline fallbacks">{u.fallbacks}</td>
                <td data-label="Tokens in">{formatCount(u.tokensIn)}</td>
                <td data-label="Tokens out">{formatCount(u.tokensOut)}</td>
                <td data-label="Average time">
                  {u.averageLatencyMs === null ? "—" : `${formatCount(u.averageLatencyMs)} ms`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Settings · Rehearse" }];
