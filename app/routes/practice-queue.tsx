import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "~/utils/zod";
import { requireUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/form-errors";
import { ReviewNav } from "~/components/review-nav";
import { Score } from "~/components/score";
import { formatDate } from "~/review/format";
import { createPracticeRound } from "~/review/practice-round.server";
import { DUE_ROUND_MAX, dueQuestions, loadQueue } from "~/review/practice-queue.server";
import { getPreferences } from "~/review/preferences.server";
import { redirectToStartedQuestion } from "~/rounds/answer-page.server";
import { formError, parseForm } from "~/utils/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const queue = loadQueue(user.id, now).map(
    ({ questionId, title, lastAt, overall, attempts, dueAt, due, intervalDays }) => ({
      questionId,
      title,
      lastAt,
      overall,
      attempts,
      dueAt,
      due,
      overdue: dueAt < now,
      intervalDays,
    }),
  );
  return { due: queue.filter((q) => q.due), upcoming: queue.filter((q) => !q.due) };
}

const queueFormSchema = z.object({ intent: z.literal("start-due", { error: "Unknown action." }) });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = parseForm(queueFormSchema, await request.formData());
  if (!form.ok) return data(form, { status: 400 });
  const questions = dueQuestions(user.id, new Date());
  if (questions.length === 0) return data(formError("Nothing is due today."), { status: 400 });
  const round = createPracticeRound(
    user.id,
    "Due today",
    questions,
    getPreferences(user.id).targetBand,
  );
  throw redirectToStartedQuestion(round.id);
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["due"][number];

function QueueList({ items, when }: { items: Item[]; when: (item: Item) => string }) {
  return (
    <ul className="queue">
      {items.map((item) => (
        <li key={item.questionId}>
          <Link to={`/questions/${item.questionId}`}>{item.title}</Link>{" "}
          <span className="hint">
            last <Score value={item.overall} /> on {formatDate(item.lastAt)} · {item.attempts}{" "}
            {item.attempts === 1 ? "attempt" : "attempts"} · {when(item)}
          </span>
        </li>
      ))}
    </ul>
  );
}

export default function PracticeQueuePage() {
  const { due, upcoming } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const todays = Math.min(due.length, DUE_ROUND_MAX);
  return (
    <section>
      <h1>Re-practice queue</h1>
      <ReviewNav />
      <p className="hint">
        Questions come back after a spell that grows with your last score: a day or two after a weak
        answer, weeks after a strong one.
      </p>
      <FormErrors errors={result?.errors.form} />
      <h2>Due today</h2>
      {due.length === 0 ? (
        <p className="muted">Nothing is due today.</p>
      ) : (
        <>
          <QueueList
            items={due}
            when={(item) =>
              item.overdue ? `due since ${formatDate(item.dueAt)}` : "due later today"
            }
          />
          <Form method="post">
            <button type="submit" name="intent" value="start-due" disabled={busy}>
              Start today&apos;s round ({todays} {todays === 1 ? "question" : "questions"})
            </button>
          </Form>
        </>
      )}
      <h2>Coming up</h2>
      {upcoming.length === 0 ? (
        <p className="muted">
          {due.length === 0
            ? "Answer a few questions and they will be scheduled here."
            : "Everything else is due today."}
        </p>
      ) : (
        <QueueList items={upcoming} when={(item) => `due ${formatDate(item.dueAt)}`} />
      )}
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Re-practice queue · Rehearse" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
