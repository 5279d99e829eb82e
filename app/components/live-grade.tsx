import { Form, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { GradeProgress } from "~/grading/grade-answer.server";
import type { CriterionGrade, Probe } from "~/grading/grade-schema";
import type { CriterionLabel } from "./grade-card";
import { feedbackText } from "~/scores/score-words";
import { readServerSentEvents } from "~/utils/server-sent-events";
import { Score } from "./score";
import { useLowAnxiety } from "./use-low-anxiety";

/** The grade as far as the stream has brought it. */
export interface LiveGradeState {
  status: "grading" | "failed";
  /** Each criterion's rationale as soon as the model has written it (before its score). */
  rationales: Record<string, string>;
  criteria: CriterionGrade[];
  strengths: string[];
  improvements: string[];
  probes: Probe[];
  fallback: string | null;
  retrying: string | null;
}

const initial: LiveGradeState = { status: "grading", rationales: {}, criteria: [], strengths: [], improvements: [], probes: [], fallback: null, retrying: null };

export const initialLiveGrade: LiveGradeState = initial;

/** The preview's state after one streamed event (exported for tests). */
export function reduce(state: LiveGradeState, event: GradeProgress): LiveGradeState {
  switch (event.type) {
    case "rationale":
      return { ...state, retrying: null, rationales: { ...state.rationales, [event.criterionId]: event.rationale } };
    case "criterion":
      return { ...state, retrying: null, criteria: [...state.criteria.filter((c) => c.criterionId !== event.criterion.criterionId), event.criterion] };
    case "feedback":
      return { ...state, strengths: event.strengths, improvements: event.improvements };
    case "probes":
      return { ...state, probes: event.probes };
    case "retrying":
      return { ...state, retrying: event.reason };
    case "fallback":
      // Anything previewed came from the LLM that failed; the offline grade replaces it.
      return { ...initial, fallback: event.reason };
    default:
      return state;
  }
}

/**
 * Shows an LLM grading as it streams in (server-sent events), then loads the
 * stored grade. Without JavaScript the "Grade now" form does the same job.
 */
export function LiveGrade({ url, criteria }: { url: string; criteria: CriterionLabel[] }) {
  const revalidator = useRevalidator();
  const lowAnxiety = useLowAnxiety();
  const [state, setState] = useState<LiveGradeState>(initial);

  useEffect(() => {
    // A POST (grading writes; a GET never does), so the stream is read from fetch rather than EventSource.
    const controller = new AbortController();
    const fail = () => setState((s) => ({ ...s, status: "failed" }));
    void (async () => {
      try {
        const response = await fetch(url, { method: "POST", signal: controller.signal });
        if (!response.ok || !response.body) return fail();
        for await (const { event, data } of readServerSentEvents(response.body)) {
          if (event === "progress") setState((s) => reduce(s, JSON.parse(data) as GradeProgress));
          if (event === "done") return revalidator.revalidate();
          if (event === "failed") return fail();
        }
        fail();
      } catch {
        if (!controller.signal.aborted) fail();
      }
    })();
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one stream per answer, not per render
  }, [url]);

  return (
    <section className="grade-card live-grade" aria-busy={state.status === "grading"}>
      <h2>Feedback</h2>
      <p role="status">
        {state.status === "failed"
          ? "Grading was interrupted. Your answer is saved."
          : state.fallback
            ? `Grading offline: the LLM was not used (${state.fallback}).`
            : state.retrying
              ? `The model is busy; retrying (${state.retrying})…`
              : "Grading your answer…"}
      </p>
      <LiveCriteria state={state} criteria={criteria} />
      {state.strengths.length + state.improvements.length > 0 ? (
        <div className="two-col">
          <ul aria-label="Strong">
            {state.strengths.map((s) => (
              <li key={s}>{feedbackText(s, lowAnxiety)}</li>
            ))}
          </ul>
          <ul aria-label="To improve">
            {state.improvements.map((s) => (
              <li key={s}>{feedbackText(s, lowAnxiety)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {state.probes.length > 0 ? (
        <>
          <h3>Follow-up questions</h3>
          <ol className="probes">
            {state.probes.map((p) => (
              <li key={p.question}>{p.question}</li>
            ))}
          </ol>
        </>
      ) : null}
      {state.status === "failed" ? (
        <Form method="post">
          <button type="submit" name="intent" value="grade">
            Grade now
          </button>
        </Form>
      ) : null}
    </section>
  );
}

/** In rubric order: each criterion's rationale as it streams, then its score when it arrives. */
export function LiveCriteria({ state, criteria }: { state: LiveGradeState; criteria: CriterionLabel[] }) {
  const lowAnxiety = useLowAnxiety();
  const shown = criteria
    .map((c) => ({
      id: c.id,
      name: c.name,
      rationale: state.rationales[c.id] ?? state.criteria.find((g) => g.criterionId === c.id)?.rationale ?? null,
      grade: state.criteria.find((g) => g.criterionId === c.id) ?? null,
    }))
    .filter((c) => c.rationale !== null || c.grade !== null);
  if (shown.length === 0) return null;
  return (
    <ul className="live-criteria">
      {shown.map(({ id, name, rationale, grade }) => (
        <li key={id} data-criterion={id}>
          <strong>{name}</strong>
          {rationale ? <span className="rationale">: {feedbackText(rationale, lowAnxiety)}</span> : null}{" "}
          {grade ? (
            <>
              — <Score value={grade.score} digits={0} />
              {grade.evidence ? (
                <>
                  {" "}
                  <q className="evidence">{grade.evidence}</q>
                </>
              ) : null}
            </>
          ) : (
            <span className="muted">— scoring…</span>
          )}
        </li>
      ))}
    </ul>
  );
}
