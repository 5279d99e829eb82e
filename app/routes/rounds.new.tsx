import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { FormErrors } from "~/components/form-errors";
import { getBank } from "~/question-bank/load-bank.server";
import { BANDS, QUESTION_KINDS } from "~/question-bank/question-schema";
import { answerPath } from "~/rounds/answer-page.server";
import { MINUTES_MAX, newRoundSchema, QUESTIONS_MAX, QUESTIONS_MIN } from "~/rounds/round-forms";
import { createRound } from "~/rounds/rounds.server";
import { selectQuestions } from "~/rounds/select-questions";
import { formError, parseForm } from "~/utils/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const skills = [...new Set(getBank().flatMap((q) => q.skills))].sort();
  return { skills };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = parseForm(newRoundSchema, await request.formData(), ["skills", "kinds"]);
  if (!form.ok) return data(form, { status: 400 });
  const settings = form.data;
  const values = {
    skills: settings.skills,
    kinds: settings.kinds,
    band: settings.band,
    count: String(settings.count),
    minutes: settings.minutes === null ? "" : String(settings.minutes),
  };
  const known = new Set(getBank().flatMap((q) => q.skills));
  const unknown = settings.skills.filter((s) => !known.has(s));
  if (unknown.length > 0) {
    return data(formError(`Unknown skill: ${unknown.join(", ")}.`, values), { status: 400 });
  }
  const questions = selectQuestions(getBank(), settings);
  if (questions.length === 0) {
    return data(
      formError("No questions match those choices for that band. Choose more skills or another band.", values),
      { status: 400 },
    );
  }
  const focus = [...settings.kinds, ...settings.skills];
  const title = focus.length > 0 ? `Practice: ${focus.join(", ")}` : "Mixed practice";
  const round = createRound(user.id, title, settings, questions);
  throw redirect(answerPath(round.id, 1));
}

export default function NewRoundPage() {
  const { skills } = useLoaderData<typeof loader>();
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
      <Form method="post" className="stack" key={JSON.stringify(values)}>
        <FormErrors errors={result?.errors.form} />
        <fieldset>
          <legend>Kinds of question</legend>
          {QUESTION_KINDS.map((kind) => (
            <label key={kind} className="check">
              <input type="checkbox" name="kinds" value={kind} defaultChecked={checked("kinds", kind)} /> {kind}
            </label>
          ))}
          <FormErrors errors={fields.kinds} />
        </fieldset>
        <fieldset>
          <legend>Skills</legend>
          <p className="hint">Nothing ticked means every skill.</p>
          <div className="check-grid">
            {skills.map((skill) => (
              <label key={skill} className="check">
                <input type="checkbox" name="skills" value={skill} defaultChecked={checked("skills", skill)} /> {skill}
              </label>
            ))}
          </div>
          <FormErrors errors={fields.skills} />
        </fieldset>
        <label htmlFor="band">Experience band (years)</label>
        <select id="band" name="band" defaultValue={typeof values.band === "string" ? values.band : "3-5"}>
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
