import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/form-errors";
import { GapList, PractiseAnotherSkill } from "./gap-list";
import { ReadinessFigureCard } from "./readiness-figure";
import { ReadinessHint } from "./readiness-hint";
import { SkillMatrixForm } from "./skill-matrix-form";
import { getBank } from "~/question-bank/load-bank.server";
import { BANDS, ROLES } from "~/question-bank/question-schema";
import { createPracticeRound } from "~/rounds/practice-round.server";
import { updatePreferences } from "~/preferences/preferences.server";
import { READINESS_ARRAY_FIELDS, readinessFormSchema } from "~/review/readiness-forms";
import { loadReadiness, questionsForSkill, saveSelfScores } from "~/review/readiness.server";
import { redirectToStartedQuestion } from "~/rounds/answer-page.server";
import { formError, parseForm } from "~/utils/forms";
import { skillLabel } from "~/question-bank/skill-label";
import { redirectWithNotice } from "~/utils/notice.server";
import type { loader as rootLoader } from "~/root";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadReadiness(user.id);
}

const SAVED = { type: "success", text: "Saved." } as const;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = parseForm(readinessFormSchema, await request.formData(), READINESS_ARRAY_FIELDS);
  if (!form.ok) return data(form, { status: 400 });
  const known = new Set(getBank().flatMap((q) => q.skills));
  switch (form.data.intent) {
    case "target":
      updatePreferences(user.id, { targetRole: form.data.role, targetBand: form.data.band });
      throw await redirectWithNotice("/readiness", SAVED);
    case "self-scores": {
      const { skill, score } = form.data;
      const unknown = skill.filter((s) => !known.has(s));
      if (unknown.length > 0) {
        return data(
          formError(`Unknown skill: ${unknown.join(", ")}.`, {
            skill,
            score: score.map((n) => (n === null ? "" : String(n))),
          }),
          { status: 400 },
        );
      }
      saveSelfScores(
        user.id,
        skill.map((s, i) => ({ skill: s, score: score[i] ?? null })),
      );
      throw await redirectWithNotice("/readiness", SAVED);
    }
    case "practise": {
      const { gap } = form.data;
      if (!known.has(gap)) return data(formError(`Unknown skill: ${gap}.`), { status: 400 });
      const { target } = loadReadiness(user.id);
      const questions = questionsForSkill(gap, target.band);
      if (questions.length === 0)
        return data(formError(`No question practises ${gap} yet.`), { status: 400 });
      const round = createPracticeRound(
        user.id,
        `Skill gap: ${skillLabel(gap)}`,
        questions,
        target.band,
      );
      throw redirectToStartedQuestion(round.id);
    }
  }
}

const GAP_HEADINGS = ["Gaps", "Your top gap", "Your top two gaps", "Your top three gaps"];

/** "backend, 3-5 years": the target as the headline names it. */
const targetText = (role: string, band: string) => `${role}, ${band} years`;

export default function ReadinessPage() {
  const { target, figure, matrix, gaps, others } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // Just saved (the root layout shows the notice): the matrix stays open, as the form left it.
  const saved = Boolean(useRouteLoaderData<typeof rootLoader>("root")?.notice);
  const matrixErrors = [
    ...(result?.errors.fields.score ?? []),
    ...(result?.errors.fields.skill ?? []),
  ];
  return (
    <section>
      <h1>Readiness</h1>
      <FormErrors errors={result?.errors.form} />
      <ReadinessFigureCard figure={figure} target={targetText(target.role, target.band)} />
      <Form method="post" className="filters" aria-label="Target">
        <input type="hidden" name="intent" value="target" />
        <div>
          <label htmlFor="role">Target role</label>
          <select id="role" name="role" defaultValue={target.role}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="band">Experience band (years)</label>
          <select id="band" name="band" defaultValue={target.band}>
            {BANDS.map((band) => (
              <option key={band} value={band}>
                {band}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit">Change target</button>
        </div>
      </Form>
      <h2>{GAP_HEADINGS[gaps.length] ?? "Your top gaps"}</h2>
      <GapList gaps={gaps} />
      <PractiseAnotherSkill skills={others} />
      <h2 id="skill-matrix">Skill matrix</h2>
      <FormErrors errors={matrixErrors} />
      <details className="matrix-details" open={saved || matrixErrors.length > 0}>
        <summary>
          Every skill for this target ({matrix.length}): rate yourself, see what your answers
          measure
        </summary>
        <ReadinessHint />
        <SkillMatrixForm matrix={matrix} values={result?.values} />
      </details>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Readiness · Rehearse" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
