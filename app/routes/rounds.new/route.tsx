import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { CheckOptions } from "~/components/check-options";
import { ChoiceField, Field, SelectField } from "~/components/field";
import { ErrorList } from "~/components/form-errors";
import { BANDS, QUESTION_KINDS } from "~/question-bank/question-choices";
import { questionsForUser } from "~/custom-questions/questions-for-user.server";
import { findReadyRound, getReadyRounds } from "~/rounds/ready-rounds.server";
import { readyRoundFormSchema } from "./ready-round-form.server";
import { createPracticeRound } from "~/rounds/practice-round.server";
import { getPreferences } from "~/preferences/preferences.server";
import { redirectToStartedQuestion } from "~/answering/answer-slots.server";
import { newRoundSchema } from "~/rounds/round-forms";
import { MINUTES_MAX, QUESTIONS_MAX, QUESTIONS_MIN } from "~/rounds/round-limits";
import { createRound } from "~/rounds/rounds.server";
import { selectQuestions } from "~/rounds/select-questions";
import { skillLabel } from "~/question-bank/skill-label";
import { parseSubmission } from "~/utils/submission.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const skills = [...new Set(questionsForUser(user.id).flatMap((q) => q.skills))].sort();
  const readyRounds = getReadyRounds().map((round) => ({
    id: round.id,
    title: round.title,
    description: round.description,
    count: round.questions.length,
    minutes: round.questions.reduce((sum, q) => sum + q.minutes, 0),
  }));
  return { skills, readyRounds };
}

/** Which of the page's forms a reply answers: a ready round's button, or "Build your own round". */
type Reply = { form: "ready" | "build"; result: SubmissionResult<string[]> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.has("readyRound")) return startReadyRound(user.id, formData);
  const submission = parseSubmission(formData, { schema: newRoundSchema });
  const refuse = (formErrors?: string[]) =>
    data(
      { form: "build", result: submission.reply(formErrors && { formErrors }) } satisfies Reply,
      {
        status: 400,
      },
    );
  // A blur's revalidation (Conform's validate intent) is answered, never acted on.
  if (submission.status !== "success")
    return data({ form: "build", result: submission.reply() } satisfies Reply, {
      status: submission.status === "error" ? 400 : 200,
    });
  const settings = submission.value;
  const available = questionsForUser(user.id);
  const known = new Set(available.flatMap((q) => q.skills));
  const unknown = settings.skills.filter((s) => !known.has(s));
  if (unknown.length > 0) return refuse([`Unknown skill: ${unknown.join(", ")}.`]);
  const questions = selectQuestions(available, settings);
  if (questions.length === 0)
    return refuse([
      "No question for that band matches both the kinds and the skills you ticked. Tick another kind or skill, or choose another band.",
    ]);
  const focus = [...settings.kinds, ...settings.skills.map(skillLabel)];
  const title = focus.length > 0 ? `Practice: ${focus.join(", ")}` : "Mixed practice";
  const round = createRound(user.id, title, settings, questions);
  throw redirectToStartedQuestion(round.id);
}

/** One click on a ready round: its questions in its order, each on its own clock, for the user's target band. */
function startReadyRound(userId: string, formData: FormData) {
  const submission = parseSubmission(formData, { schema: readyRoundFormSchema });
  const ready =
    submission.status === "success" ? findReadyRound(submission.value.readyRound) : undefined;
  if (!ready) {
    const result = submission.reply({ formErrors: ["Choose a ready round from the list."] });
    return data({ form: "ready", result } satisfies Reply, { status: 400 });
  }
  const round = createPracticeRound(
    userId,
    ready.title,
    ready.questions,
    getPreferences(userId).targetBand,
  );
  throw redirectToStartedQuestion(round.id);
}

/** What "Build your own round" posts, as typed. */
interface NewRoundValues {
  kinds: string[];
  skills: string[];
  band: string;
  count: string;
  minutes: string;
}

export default function NewRoundPage() {
  const { skills, readyRounds } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [readyForm] = useForm({
    id: "ready-round",
    lastResult: answer?.form === "ready" ? answer.result : undefined,
  });
  const [form, fields] = useForm<NewRoundValues>({
    id: "new-round",
    lastResult: answer?.form === "build" ? answer.result : undefined,
    defaultValue: { band: "3-5", count: "3", minutes: "" },
    shouldRevalidate: "onBlur",
  });
  return (
    <section>
      <h1>Start a practice round</h1>
      <p>Pick what to practise. Each question runs on a clock; answers are saved as you type.</p>
      <section aria-labelledby="ready-rounds-heading">
        <h2 id="ready-rounds-heading">Ready rounds</h2>
        <ErrorList id={readyForm.errorId} errors={readyForm.errors} />
        <ul className="ready-rounds">
          {readyRounds.map((round) => (
            <li key={round.id}>
              <h3>{round.title}</h3>
              <p>{round.description}</p>
              <Form method="post">
                <span className="hint">
                  {round.count} questions · about {round.minutes} minutes{" "}
                </span>
                <button type="submit" name="readyRound" value={round.id} disabled={busy}>
                  Start {round.title}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <p>
          Or <Link to="/questions">browse every question</Link> and start a round with the ones you
          pick.
        </p>
      </section>
      <h2>Build your own round</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <ChoiceField meta={fields.kinds} legend="Kinds of question">
          <CheckOptions meta={fields.kinds} options={QUESTION_KINDS} />
        </ChoiceField>
        <ChoiceField meta={fields.skills} legend="Skills">
          <p className="hint">Nothing ticked means every skill.</p>
          <div className="check-grid">
            <CheckOptions meta={fields.skills} options={skills} label={skillLabel} />
          </div>
        </ChoiceField>
        <SelectField meta={fields.band} label="Experience band (years)" options={BANDS} />
        <Field meta={fields.count} label="Number of questions">
          {(describedBy) => (
            <input
              {...getInputProps(fields.count, { type: "number", ...describedBy })}
              min={QUESTIONS_MIN}
              max={QUESTIONS_MAX}
              required
            />
          )}
        </Field>
        <Field
          meta={fields.minutes}
          label="Minutes per question"
          hint="Leave empty to use each question's recommended time."
        >
          {(describedBy) => (
            <input
              {...getInputProps(fields.minutes, { type: "number", ...describedBy })}
              min={1}
              max={MINUTES_MAX}
              placeholder="Each question's own time"
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          Start round
        </button>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "New round · Rehearse" }];
