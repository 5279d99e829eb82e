import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getCollectionProps, getFormProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { FilterSelect, SkillAndKindFilters } from "~/components/filter-select";
import { ErrorList, errorsOf } from "~/components/form-errors";
import {
  browseFiltersSchema,
  filterQuestions,
  NO_BROWSE_FILTERS,
} from "~/question-bank/browse-filters";
import { isCustomQuestionId } from "~/question-bank/question-ids";
import { BANDS } from "~/question-bank/question-choices";
import {
  findQuestionForUser,
  questionsForUser,
} from "~/custom-questions/questions-for-user.server";
import { PACK_QUESTIONS_MAX } from "~/packs/pack-limits";
import { createPracticeRound } from "~/rounds/practice-round.server";
import { getPreferences } from "~/preferences/preferences.server";
import { redirectToStartedQuestion } from "~/answering/answer-slots.server";
import { QUESTIONS_MAX } from "~/rounds/round-limits";
import { parseSearchParams } from "~/utils/search-params";
import { parseSubmission } from "~/utils/submission.server";
import { skillList } from "~/question-bank/skill-label";
import { startSchema } from "./start-form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const available = questionsForUser(user.id);
  const skills = [...new Set(available.flatMap((q) => q.skills))].sort();
  const search = new URL(request.url).searchParams;
  const values: Record<string, string> = Object.fromEntries(search);
  const parsed = parseSearchParams(browseFiltersSchema, request.url);
  if (!parsed.ok) {
    return data(
      {
        questions: [],
        total: available.length,
        skills,
        filters: NO_BROWSE_FILTERS,
        values,
        errors: parsed.errors,
      },
      { status: 400 },
    );
  }
  const questions = filterQuestions(available, parsed.data).map((q) => ({
    id: q.id,
    title: q.title,
    kind: q.kind,
    bands: q.bands,
    skills: q.skills,
    minutes: q.minutes,
    own: isCustomQuestionId(q.id),
  }));
  return {
    questions,
    total: available.length,
    skills,
    filters: parsed.data,
    values,
    errors: null,
  };
}

/** "Start a round with these": the ticked questions in list order, each on its own clock. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseSubmission(await request.formData(), { schema: startSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const ids = [...new Set(submission.value.ids)];
  const found = ids.map((id) => ({ id, question: findQuestionForUser(user.id, id) }));
  const unknown = found.filter((f) => !f.question).map((f) => f.id);
  if (unknown.length > 0) {
    // Someone else's question and a missing one read the same: neither exists for this user.
    const formErrors = [`Unknown question: ${unknown.join(", ")}.`];
    return data(submission.reply({ formErrors }), { status: 400 });
  }
  const questions = found.flatMap((f) => (f.question ? [f.question] : []));
  const round = createPracticeRound(
    user.id,
    selectionTitle(questions.map((q) => q.title)),
    questions,
    getPreferences(user.id).targetBand,
  );
  throw redirectToStartedQuestion(round.id);
}

function selectionTitle(titles: string[]): string {
  const title = `Selected: ${titles.join("; ")}`;
  return title.length > 120 ? `${title.slice(0, 119)}…` : title;
}

export default function QuestionsPage() {
  const { questions, total, skills, filters, values, errors } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const value = (field: string) => values[field] ?? "";
  const filtered = Boolean(filters.skill || filters.kind || filters.band || filters.source);
  const [selection, selected] = useForm<{ intent: string; ids: string[] }>({
    id: "selection",
    lastResult,
  });
  const selectionErrors = errorsOf(selection);
  // Each question's checkbox, ticked again when a refused start comes back.
  const boxes = new Map(
    getCollectionProps(selected.ids, {
      type: "checkbox",
      options: questions.map((q) => q.id),
      ariaAttributes: false,
    }).map(({ key: _key, ...props }) => [props.value, props]),
  );
  return (
    <section>
      <h1>Questions</h1>
      <p className="hint">
        Every question you can practise: the bank&apos;s and your own. Open one to read its rubric
        and tips before you answer it.
      </p>
      <p className="question-links">
        <Link to="/questions/new">Write your own question</Link>
        <Link to="/questions/import">Import a pack</Link>
        <Link to="/rounds/new">Ready rounds</Link>
      </p>
      <Form method="get" className="filters" aria-label="Filter questions">
        <ErrorList errors={errors?.form} />
        <SkillAndKindFilters skills={skills} value={value} errors={errors?.fields} />
        <FilterSelect
          name="band"
          label="Band (years)"
          any="Any band"
          options={BANDS}
          defaultValue={value("band")}
          errors={errors?.fields.band}
        />
        <FilterSelect
          name="source"
          label="From"
          any="The bank and yours"
          options={[
            { value: "bank", label: "The bank" },
            { value: "mine", label: "Your own questions" },
          ]}
          defaultValue={value("source")}
          errors={errors?.fields.source}
        />
        <div className="filter-actions">
          <button type="submit">Filter questions</button>
          {filtered || errors ? <Link to="/questions">Clear filters</Link> : null}
        </div>
      </Form>
      {questions.length === 0 ? (
        <p className="muted">
          {errors
            ? "Fix the filters above to see the questions."
            : "No questions match these filters."}
        </p>
      ) : (
        // A document submission, because "Export selected" answers with a file download.
        <Form
          method="post"
          reloadDocument
          aria-label="Selected questions"
          {...getFormProps(selection)}
        >
          <p className="hint" id="selection-hint">
            {questions.length === total
              ? `${total} questions.`
              : `${questions.length} of ${total} questions match.`}{" "}
            Tick up to {QUESTIONS_MAX} to start a round, or up to {PACK_QUESTIONS_MAX} to export
            them as a pack.
          </p>
          <ErrorList id={selection.errorId} errors={selectionErrors} />
          <div className="table-scroll">
            <table className="data-table question-table">
              <thead>
                <tr>
                  <th scope="col">Pick</th>
                  <th scope="col">Question</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Bands (years)</th>
                  <th scope="col">Skills</th>
                </tr>
              </thead>
              <tbody>
                {questions.map((q) => (
                  <tr key={q.id}>
                    <td>
                      <input {...boxes.get(q.id)} aria-label={`Pick “${q.title}”`} />
                    </td>
                    <th scope="row">
                      <Link to={`/questions/${q.id}`}>{q.title}</Link>
                      {q.own ? <span className="badge own-badge">yours</span> : null}
                      <span className="hint"> · {q.minutes} min</span>
                    </th>
                    <td>{q.kind}</td>
                    <td>{q.bands.join(", ")}</td>
                    <td>{skillList(q.skills)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="selection-actions">
            <button
              type="submit"
              name="intent"
              value="start"
              disabled={busy}
              aria-describedby={
                selectionErrors.length > 0
                  ? `selection-hint ${selection.errorId}`
                  : "selection-hint"
              }
            >
              Start a round with these
            </button>
            <label htmlFor="format">Pack format</label>
            <select id="format" name="format" defaultValue="yaml">
              <option value="yaml">YAML</option>
              <option value="json">JSON</option>
            </select>
            <button
              type="submit"
              formMethod="get"
              formAction="/questions/export"
              className="secondary"
            >
              Export selected
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Questions · Rehearse" }];
