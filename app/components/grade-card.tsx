import type { Grade, GradeProvenance } from "~/grading/grade-schema";
import { groupFeedback } from "~/scores/criterion-feedback";
import { feedbackText, scoreBand, scoreInWords, scoreText } from "~/scores/score-words";
import { useLowAnxiety } from "./use-low-anxiety";

export interface CriterionLabel {
  id: string;
  name: string;
}

function graderLabel(provenance: GradeProvenance, grade: Grade): string {
  if (provenance.grader === "openai") {
    const prompt = provenance.promptVersion ? ` (prompt ${provenance.promptVersion})` : "";
    const samples =
      grade.checks && grade.checks.samples > 1 ? `, median of ${grade.checks.samples} replies` : "";
    return `Graded by ${provenance.model ?? "the LLM"}${prompt}${samples}`;
  }
  return "Graded offline by the rubric heuristic";
}

/**
 * One grade, criterion by criterion, in the order the rubric lists them, each
 * criterion's feedback once (groupFeedback). In low-anxiety mode scores read as words.
 */
export function GradeCard({
  grade,
  provenance,
  criteria,
  headingLevel = 2,
  title = "Feedback",
}: {
  grade: Grade;
  provenance: GradeProvenance;
  criteria: CriterionLabel[];
  headingLevel?: 2 | 3 | 4;
  title?: string;
}) {
  const Heading = `h${headingLevel}` as const;
  const Sub = `h${Math.min(headingLevel + 1, 6)}` as "h3" | "h4" | "h5";
  const name = (id: string) => criteria.find((c) => c.id === id)?.name ?? id;
  const lowAnxiety = useLowAnxiety();
  const feedback = groupFeedback(grade, name);
  const anyNextStep = feedback.criteria.some((c) => c.nextSteps.length > 0);
  return (
    <section className="grade-card">
      <Heading>{title}</Heading>
      {grade.overall === null ? (
        <p className="overall">
          <strong>Overall</strong> <span className="score">not assessed</span>
        </p>
      ) : (
        <p className="overall">
          <strong>Overall</strong>{" "}
          <span className="score">{scoreText(grade.overall, lowAnxiety)}</span>
          {/* The band's word in its colour (in low-anxiety mode the score above is that word already). */}
          {lowAnxiety ? null : (
            <span className={`score-band band-${scoreBand(grade.overall)}`}>
              {scoreInWords(grade.overall)}
            </span>
          )}
        </p>
      )}
      <p className="hint">
        {graderLabel(provenance, grade)}
        {provenance.fallbackReason ? ` — the LLM was not used: ${provenance.fallbackReason}` : ""}
      </p>
      {/* What this grader judges and does not, so the user knows how far to trust the score. */}
      {grade.scope ? <p className="hint grade-scope">{grade.scope}</p> : null}
      {grade.flags.injectionSuspected ? (
        <p className="flag" role="note">
          This answer contains text addressed to the grader (instructions or scores). Those parts
          earned nothing.
        </p>
      ) : null}
      {grade.flags.nonEnglish ? (
        <p className="flag" role="note">
          {grade.overall === null
            ? "Not assessed by the offline grader: it reads English only, so this answer has no score and counts in no average, chart or readiness figure. Configure an LLM (see Settings) to grade answers in other languages."
            : "This answer does not look like English; the offline grader can only judge English answers."}
        </p>
      ) : null}
      {grade.checks && !grade.checks.relevanceChecked && grade.criteria.length > 0 ? (
        <p className="flag" role="note">
          Relevance not checked: the app can only check that quoted evidence is about its criterion
          in English. Here it checked that every quote occurs in your answer.
        </p>
      ) : null}
      {grade.criteria.length > 0 ? (
        <table className="criteria">
          <caption className="visually-hidden">Scores per rubric criterion</caption>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">{lowAnxiety ? "How it went" : "Score"}</th>
              <th scope="col">What earned it</th>
            </tr>
          </thead>
          <tbody>
            {feedback.criteria.map((c) => (
              <tr key={c.criterionId}>
                <th scope="row">{c.name}</th>
                <td>
                  {scoreText(c.score, lowAnxiety, 0)}
                  {c.cappedFrom ? (
                    <span className="hint capped">
                      {" "}
                      (capped: the model gave {scoreText(c.cappedFrom, lowAnxiety, 0)} without a
                      sentence of the answer to show for it)
                    </span>
                  ) : null}
                  {(c.spread ?? 0) >= 2 ? (
                    <span className="hint unsure"> — the model was unsure here</span>
                  ) : null}
                </td>
                <td>
                  {c.quotes && c.quotes.length > 1 ? (
                    c.quotes.map((quote) => (
                      <q key={quote} className="evidence">
                        {quote}
                      </q>
                    ))
                  ) : c.evidence ? (
                    <q className="evidence">{c.evidence}</q>
                  ) : (
                    <span className="muted">No sentence earned it.</span>
                  )}
                  <p className="rationale">{feedbackText(c.why, lowAnxiety)}</p>
                  {c.nextSteps.map((step) => (
                    <p key={step} className="next-step">
                      <strong>Next time:</strong> {feedbackText(step, lowAnxiety)}
                    </p>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {grade.star ? (
        <p>
          <strong>STAR:</strong> present — {grade.star.present.join(", ") || "none"}; missing —{" "}
          {grade.star.missing.join(", ") || "none"}
        </p>
      ) : null}
      {/* What the criteria above do not already say: sentences about the whole answer. */}
      <div className="two-col">
        <div>
          <Sub>Strong</Sub>
          {feedback.strengths.length > 0 ? (
            <ul>
              {feedback.strengths.map((s) => (
                <li key={s}>{feedbackText(s, lowAnxiety)}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">
              {feedback.anyStrength
                ? "The criteria above say what earned their scores."
                : "Nothing stood out yet."}
            </p>
          )}
        </div>
        <div>
          <Sub>To improve</Sub>
          {feedback.improvements.length > 0 ? (
            <ul>
              {feedback.improvements.map((s) => (
                <li key={s}>{feedbackText(s, lowAnxiety)}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">
              {anyNextStep ? "Each criterion above says what to do next." : "No specific fixes."}
            </p>
          )}
        </div>
      </div>
      {grade.insights ? (
        <p className="hint">
          {/* No pace here: a typed answer's words per minute measures typing or pasting, not speech (issue 18). Spoken answers show theirs in DeliverySummary. */}
          {grade.insights.wordCount} words
          {grade.insights.fillerWords.length > 0
            ? ` · filler: ${grade.insights.fillerWords.map((f) => `${f.word} ×${f.count}`).join(", ")}`
            : ""}
          {grade.insights.termsUsed.length > 0
            ? ` · terms used: ${grade.insights.termsUsed.join(", ")}`
            : ""}
          {grade.insights.topWords.length > 0
            ? ` · most used: ${grade.insights.topWords.map((w) => `${w.word} ×${w.count}`).join(", ")}`
            : ""}
        </p>
      ) : null}
    </section>
  );
}
