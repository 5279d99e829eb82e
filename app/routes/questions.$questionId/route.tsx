import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { AttemptsTable } from "./attempts-table";
import { ChangesTable } from "./changes-table";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { ErrorList } from "~/components/form-errors";
import { GradeCard } from "~/components/grade-card";
import { Pagination } from "~/components/pagination";
import { customSlugOf } from "~/question-bank/question-ids";
import { questionGuide } from "~/question-bank/question-guide";
import { pageParamSchema } from "~/utils/page-param";
import { createPracticeRound } from "~/rounds/practice-round.server";
import { getPreferences } from "~/preferences/preferences.server";
import { loadQuestionOverTime, resolveQuestion } from "~/review/question-over-time.server";
import { redirectToStartedQuestion } from "~/answering/answer-slots.server";
import { parseSearchParams } from "~/utils/search-params";
import { intentForm } from "~/utils/intent-form.server";
import { parseSubmission } from "~/utils/submission.server";
import { skillList } from "~/question-bank/skill-label";
import { useDateFormat } from "~/dates/use-date-format";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { question, current, available } = resolveQuestion(user.id, params.questionId);
  const paging = parseSearchParams(pageParamSchema, request.url);
  const slug = available ? customSlugOf(current.id) : null;
  const body = {
    ...loadQuestionOverTime(user.id, question, paging.ok ? paging.data.page : 1),
    guide: questionGuide(current),
    editHref: slug === null ? null : `/questions/custom/${slug}/edit`,
    errors: paging.ok ? null : paging.errors,
  };
  return paging.ok ? body : data(body, { status: 400 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { current } = resolveQuestion(user.id, params.questionId);
  const submission = parseSubmission(await request.formData(), { schema: intentForm("practise") });
  if (submission.status !== "success")
    return data(submission.reply({ formErrors: ["Unknown action."] }), { status: 400 });
  const round = createPracticeRound(
    user.id,
    `Practise again: ${current.title}`,
    [current],
    getPreferences(user.id).targetBand,
  );
  throw redirectToStartedQuestion(round.id);
}

export default function QuestionOverTimePage() {
  const dates = useDateFormat();
  const {
    question,
    criteria,
    total,
    page,
    pages,
    attempts,
    changes,
    latest,
    guide,
    editHref,
    errors,
  } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form] = useForm({ id: "practise-question", lastResult });
  return (
    <article>
      <p className="breadcrumb">
        {question.kind} · {skillList(question.skills)}
      </p>
      <h1>{question.title}</h1>
      <p className="prompt">{question.prompt}</p>
      <ErrorList errors={errors?.fields.page} />
      <ErrorList id={form.errorId} errors={form.errors} />
      <Form method="post" className="question-actions" {...getFormProps(form)}>
        <button type="submit" name="intent" value="practise">
          {total > 0 ? "Practise this question again" : "Practise this question"}
        </button>
        {editHref ? <Link to={editHref}>Edit your question</Link> : null}
      </Form>
      <details className="question-guide" open={total === 0}>
        <summary>How it is graded, and tips</summary>
        <p className="hint">
          {guide.minutes} minutes · bands {guide.bands.join(", ")} years · {guide.roles.join(", ")}
        </p>
        <h2>Rubric</h2>
        <ol className="guide-criteria">
          {guide.criteria.map((c, i) => (
            <li key={i}>
              <strong>{c.name}</strong> <span className="hint">(weight {c.weight})</span>
              <p>{c.description}</p>
              <ul>
                {c.keyPoints.map((point, i) => (
                  <li key={i}>{point}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
        <h2>Tips</h2>
        <ul>
          {guide.tips.map((tip, i) => (
            <li key={i}>{tip}</li>
          ))}
        </ul>
      </details>
      {total === 0 ? (
        <p className="muted">You have not answered this question yet.</p>
      ) : (
        <>
          <h2>Score change per criterion</h2>
          <p className="hint">
            {total} {total === 1 ? "attempt" : "attempts"}; the first, the one before the latest,
            and the latest graded one compared.
          </p>
          <ChangesTable changes={changes} />
          <h2>Every attempt</h2>
          <AttemptsTable attempts={attempts} criteria={criteria} />
          <Pagination
            page={page}
            pages={pages}
            href={(p) => `/questions/${question.id}${p > 1 ? `?page=${p}` : ""}`}
            noun="attempts"
          />
          <div className="attempt-answers">
            {attempts.map((a) => (
              <details key={a.roundId}>
                <summary>Answer from {dates.timestamp(a.createdAt)}</summary>
                {a.timedOut ? <p className="badge">Submitted after the clock ran out</p> : null}
                <div className="answer-text">
                  {a.text || <span className="muted">(no answer was written)</span>}
                </div>
              </details>
            ))}
          </div>
          {latest ? (
            <>
              <GradeCard
                grade={latest.grade}
                provenance={latest.provenance}
                criteria={criteria}
                title="Latest feedback"
              />
              <p>
                <Link to={`/rounds/${latest.roundId}/report`}>Report of the latest attempt</Link>
              </p>
            </>
          ) : null}
        </>
      )}
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.question.title} over time · Rehearse` : "Question · Rehearse" },
];
