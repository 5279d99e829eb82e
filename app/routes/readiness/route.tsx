import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { SelectField } from "~/components/field";
import { ErrorList } from "~/components/form-errors";
import { GapList, PractiseAnotherSkill } from "./gap-list";
import { ReadinessFigureCard } from "./readiness-figure";
import { ReadinessHint } from "./readiness-hint";
import { SkillMatrixForm } from "./skill-matrix-form";
import { getBank } from "~/question-bank/load-bank.server";
import { BANDS, ROLES } from "~/question-bank/question-choices";
import { createPracticeRound } from "~/rounds/practice-round.server";
import { updatePreferences } from "~/preferences/preferences.server";
import { readinessFormSchema } from "~/review/readiness-forms";
import { loadReadiness, questionsForSkill, saveSelfScores } from "~/review/readiness.server";
import { redirectToStartedQuestion } from "~/answering/answer-slots.server";
import { skillLabel } from "~/question-bank/skill-label";
import { redirectWithNotice } from "~/utils/notice.server";
import { parseSubmission } from "~/utils/submission.server";
import type { loader as rootLoader } from "~/root";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadReadiness(user.id);
}

const SAVED = { type: "success", text: "Saved." } as const;

/** The page's three forms, told apart by their buttons' intent. */
const INTENTS = ["target", "self-scores", "practise"] as const;
type Intent = (typeof INTENTS)[number];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  // Which form the reply is for; only an intent the page has is echoed.
  const intent = INTENTS.find((i) => i === formData.get("intent")) ?? null;
  const submission = parseSubmission(formData, { schema: readinessFormSchema });
  const refuse = (formErrors?: string[]) =>
    data({ intent, result: submission.reply(formErrors && { formErrors }) }, { status: 400 });
  if (submission.status !== "success") return refuse();
  const known = new Set(getBank().flatMap((q) => q.skills));
  const form = submission.value;
  switch (form.intent) {
    case "target":
      updatePreferences(user.id, { targetRole: form.role, targetBand: form.band });
      throw await redirectWithNotice("/readiness", SAVED);
    case "self-scores": {
      const { skill, score } = form;
      const unknown = skill.filter((s) => !known.has(s));
      if (unknown.length > 0) return refuse([`Unknown skill: ${unknown.join(", ")}.`]);
      saveSelfScores(
        user.id,
        skill.map((s, i) => ({ skill: s, score: score[i] ?? null })),
      );
      throw await redirectWithNotice("/readiness", SAVED);
    }
    case "practise": {
      const { gap } = form;
      if (!known.has(gap)) return refuse([`Unknown skill: ${gap}.`]);
      const { target } = loadReadiness(user.id);
      const questions = questionsForSkill(gap, target.band);
      if (questions.length === 0) return refuse([`No question practises ${gap} yet.`]);
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
  const answer = useActionData<typeof action>();
  const replyTo = (intent: Intent) => (answer?.intent === intent ? answer.result : undefined);
  // Just saved (the root layout shows the notice): the matrix stays open, as the form left it.
  const saved = Boolean(useRouteLoaderData<typeof rootLoader>("root")?.notice);
  const [targetForm, targetFields] = useForm<{ role: string; band: string }>({
    id: "target",
    lastResult: replyTo("target"),
    defaultValue: target,
  });
  // A post no form of the page made ("Unknown action."), or a gap's refusal, is said at the top.
  const pageErrors =
    answer && answer.intent !== "target" && answer.intent !== "self-scores"
      ? Object.values(answer.result.error ?? {}).flatMap((errors) => errors ?? [])
      : [];
  const matrixResult = replyTo("self-scores");
  return (
    <section>
      <h1>Readiness</h1>
      <ErrorList errors={pageErrors} />
      <ReadinessFigureCard figure={figure} target={targetText(target.role, target.band)} />
      <Form method="post" className="filters" aria-label="Target" {...getFormProps(targetForm)}>
        <ErrorList id={targetForm.errorId} errors={targetForm.errors} />
        <input type="hidden" name="intent" value="target" />
        <SelectField
          meta={targetFields.role}
          label="Target role"
          options={ROLES}
          className="filter-field"
        />
        <SelectField
          meta={targetFields.band}
          label="Experience band (years)"
          options={BANDS}
          className="filter-field"
        />
        <div className="filter-actions">
          <button type="submit">Change target</button>
        </div>
      </Form>
      <h2>{GAP_HEADINGS[gaps.length] ?? "Your top gaps"}</h2>
      <GapList gaps={gaps} />
      <PractiseAnotherSkill skills={others} />
      <h2 id="skill-matrix">Skill matrix</h2>
      <details className="matrix-details" open={saved || matrixResult !== undefined}>
        <summary>
          Every skill for this target ({matrix.length}): rate yourself, see what your answers
          measure
        </summary>
        <ReadinessHint />
        <SkillMatrixForm
          key={JSON.stringify(matrixResult ?? null)}
          matrix={matrix}
          lastResult={matrixResult}
        />
      </details>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Readiness · Rehearse" }];
