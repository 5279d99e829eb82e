import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "~/utils/zod";
import { requireUser } from "~/auth/session.server";
import { CheckOptions } from "~/components/unmigrated-field";
import { FormErrors } from "~/components/form-errors";
import { BANDS, QUESTION_KINDS } from "~/question-bank/question-schema";
import { questionsForUser } from "~/question-bank/questions-for-user.server";
import { findReadyRound, getReadyRounds } from "~/question-bank/ready-rounds.server";
import { createPracticeRound } from "~/rounds/practice-round.server";
import { getPreferences } from "~/preferences/preferences.server";
import { redirectToStartedQuestion } from "~/rounds/answer-page.server";
import { newRoundSchema } from "~/rounds/round-forms";
import { MINUTES_MAX, QUESTIONS_MAX, QUESTIONS_MIN } from "~/rounds/round-limits";
import { createRound } from "~/rounds/rounds.server";
import { selectQuestions } from "~/rounds/select-questions";
import { formError, parseForm } from "~/utils/forms";
import { skillLabel } from "~/question-bank/skill-label";

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

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.has("readyRound")) return startReadyRound(user.id, formData);
  const form = parseForm(newRoundSchema, formData, ["skills", "kinds"]);
  if (!form.ok) return data(form, { status: 400 });
  const settings = form.data;
  const values = {
    skills: settings.skills,
    kinds: settings.kinds,
    band: settings.band,
    count: String(settings.count),
    minutes: settings.minutes === null ? "" : String(settings.minutes),
  };
  const available = questionsForUser(user.id);
  const known = new Set(available.flatMap((q) => q.skills));
  const unknown = settings.skills.filter((s) => !known.has(s));
  if (unknown.length > 0) {
    return data(formError(`Unknown skill: ${unknown.join(", ")}.`, values), { status: 400 });
  }
  const questions = selectQuestions(available, settings);
  if (questions.length === 0) {
    return data(
      formError(
        "No question for that band matches both the kinds and the skills you ticked. Tick another kind or skill, or choose another band.",
        values,
      ),
      { status: 400 },
    );
  }
  const focus = [...settings.kinds, ...settings.skills.map(skillLabel)];
  const title = focus.length > 0 ? `Practice: ${focus.join(", ")}` : "Mixed practice";
  const round = createRound(user.id, title, settings, questions);
  throw redirectToStartedQuestion(round.id);
}

const readyRoundFormSchema = z.object({
  readyRound: z
    .string()
    .max(60)
    .regex(/^[a-z0-9-]+$/),
});

/** One click on a ready round: its questions in its order, each on its own clock, for the user's target band. */
function startReadyRound(userId: string, formData: FormData) {
  const form = parseForm(readyRoundFormSchema, formData);
  const ready = form.ok ? findReadyRound(form.data.readyRound) : undefined;
  if (!ready) {
    const values = { readyRound: String(formData.get("readyRound") ?? "").slice(0, 60) };
    return data(formError("Choose a ready round from the list.", values), { status: 400 });
  }
  const round = createPracticeRound(
    userId,
    ready.title,
    ready.questions,
    getPreferences(userId).targetBand,
  );
  throw redirectToStartedQuestion(round.id);
}

export default function NewRoundPage() {
  const { skills, readyRounds } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const values = result?.values ?? {};
  const checked = (field: string, value: string) => {
    const v = values[field];
    return Array.isArray(v) ? v.includes(value) : false;
  };
  const fields = result?.errors.fields ?? {};
  return (
    <section>
      <h1>Start a practice round</h1>
      <p>Pick what to practise. Each question runs on a clock; answers are saved as you type.</p>
      <section aria-labelledby="ready-rounds-heading">
        <h2 id="ready-rounds-heading">Ready rounds</h2>
        <FormErrors errors={result && "readyRound" in result.values ? result.errors.form : null} />
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
      <Form method="post" className="stack" key={JSON.stringify(values)}>
        <FormErrors
          errors={result && !("readyRound" in result.values) ? result.errors.form : null}
        />
        <fieldset>
          <legend>Kinds of question</legend>
          <CheckOptions
            name="kinds"
            options={QUESTION_KINDS}
            isChecked={(kind) => checked("kinds", kind)}
          />
          <FormErrors errors={fields.kinds} />
        </fieldset>
        <fieldset>
          <legend>Skills</legend>
          <p className="hint">Nothing ticked means every skill.</p>
          <div className="check-grid">
            <CheckOptions
              name="skills"
              options={skills}
              label={skillLabel}
              isChecked={(skill) => checked("skills", skill)}
            />
          </div>
          <FormErrors errors={fields.skills} />
        </fieldset>
        <label htmlFor="band">Experience band (years)</label>
        <select
          id="band"
          name="band"
          defaultValue={typeof values.band === "string" ? values.band : "3-5"}
        >
          {BANDS.map((band) => (
            <option key={band} value={band}>
              {band}
            </option>
          ))}
        </select>
        <FormErrors errors={fields.band} />
        <label htmlFor="count">Number of questions</label>
        <input
          id="count"
          name="count"
          type="number"
          min={QUESTIONS_MIN}
          max={QUESTIONS_MAX}
          required
          defaultValue={typeof values.count === "string" ? values.count : "3"}
        />
        <FormErrors errors={fields.count} />
        <label htmlFor="minutes">Minutes per question</label>
        <input
          id="minutes"
          name="minutes"
          type="number"
          min={1}
          max={MINUTES_MAX}
          placeholder="Each question's own time"
          aria-describedby="minutes-hint"
          defaultValue={typeof values.minutes === "string" ? values.minutes : ""}
        />
        <p id="minutes-hint" className="hint">
          Leave empty to use each question&apos;s recommended time.
        </p>
        <FormErrors errors={fields.minutes} />
        <button type="submit" disabled={busy}>
          Start round
        </button>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "New round · Rehearse" }];
