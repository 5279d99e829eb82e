import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { ErrorList, errorsOf } from "~/components/form-errors";
import { Score } from "~/components/score";
import { createPracticeRound } from "~/rounds/practice-round.server";
import { DUE_ROUND_MAX, dueQuestions, loadQueue } from "~/review/practice-queue.server";
import { getPreferences } from "~/preferences/preferences.server";
import { redirectToStartedQuestion } from "~/answering/answer-slots.server";
import { intentForm } from "~/utils/intent-form.server";
import { parseSubmission } from "~/utils/submission.server";
import { useDateFormat } from "~/dates/use-date-format";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const queue = loadQueue(user.id, now).map(
    ({ questionId, title, lastAt, overall, attempts, dueAt, due }) => ({
      questionId,
      title,
      lastAt,
      overall,
      attempts,
      dueAt,
      due,
    }),
  );
  const due = queue.filter((q) => q.due);
  // Counted here: DUE_ROUND_MAX lives in a .server module, which the browser build leaves empty.
  return { due, upcoming: queue.filter((q) => !q.due), count: Math.min(due.length, DUE_ROUND_MAX) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseSubmission(await request.formData(), { schema: intentForm("start-due") });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const questions = dueQuestions(user.id, new Date());
  if (questions.length === 0)
    return data(submission.reply({ formErrors: ["Nothing is due now."] }), { status: 400 });
  const round = createPracticeRound(
    user.id,
    "Due for re-practice",
    questions,
    getPreferences(user.id).targetBand,
  );
  throw redirectToStartedQuestion(round.id);
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["due"][number];

/** Why an item is where it is, in one sentence: "Last scored 2.4 / 5 on 3 Dec 2026; 3 attempts; due since 4 Dec 2026." */
function QueueList({ items }: { items: Item[] }) {
  const dates = useDateFormat();
  return (
    <ul className="queue">
      {items.map((item) => (
        <li key={item.questionId}>
          <Link to={`/questions/${item.questionId}`}>{item.title}</Link>{" "}
          <span className="hint">
            Last scored <Score value={item.overall} /> on {dates.date(item.lastAt)}; {item.attempts}{" "}
            {item.attempts === 1 ? "attempt" : "attempts"}; {item.due ? "due since" : "next due"}{" "}
            {dates.date(item.dueAt)}.
          </span>
        </li>
      ))}
    </ul>
  );
}

export default function PracticeQueuePage() {
  const { due, upcoming, count } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form] = useForm({ id: "start-due", lastResult });
  return (
    <section>
      <h1>Re-practice queue</h1>
      <p className="hint">
        Each graded answer counts as a review: a weak one brings the question back within a day or
        two, and every answer you give strengthens or weakens its memory, so a question you have
        answered well several times waits weeks, one you keep finding hard comes back soon.
      </p>
      <ErrorList id={form.errorId} errors={errorsOf(form)} />
      <h2>Due now</h2>
      {due.length === 0 ? (
        <p className="muted">Nothing is due now.</p>
      ) : (
        <>
          <QueueList items={due} />
          <Form method="post" {...getFormProps(form)}>
            <button type="submit" name="intent" value="start-due" disabled={busy}>
              Practise the due questions ({count} {count === 1 ? "question" : "questions"})
            </button>
          </Form>
        </>
      )}
      <h2>Coming up</h2>
      {upcoming.length === 0 ? (
        <p className="muted">
          {due.length === 0
            ? "Answer a few questions and they will be scheduled here."
            : "Everything else is due now."}
        </p>
      ) : (
        <QueueList items={upcoming} />
      )}
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Re-practice queue · Rehearse" }];
