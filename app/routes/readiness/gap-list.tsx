import { Form } from "@remix-run/react";
import { READY_LEVEL, selfRatingText, type SkillReadiness } from "~/review/readiness";
import { scoreInWords, scoreStanding, scoreText } from "~/scores/score-words";
import { useLowAnxiety } from "~/components/use-low-anxiety";
import { skillLabel } from "~/question-bank/skill-label";

/** Where the user stands on a skill, in a sentence: their own rating and what their answers show. */
function why(s: SkillReadiness, lowAnxiety: boolean): string {
  if (s.gap === null) return "Not rated and not practised yet.";
  const rating = s.self === null ? null : lowAnxiety ? `“${selfRatingText(s.self, true)}”` : s.self;
  const rated = rating === null ? null : `You rate it ${rating}`;
  if (s.measured === null) return `${rated}; no graded answers yet.`;
  const measured = lowAnxiety
    ? `your answers so far are ${scoreStanding(s.measured)}`
    : `your answers average ${scoreText(s.measured, false)}`;
  return rated ? `${rated}; ${measured}.` : `${measured[0]!.toUpperCase()}${measured.slice(1)}.`;
}

/** The top gaps, most urgent first, each with a one-click round that practises it. */
export function GapList({ gaps }: { gaps: SkillReadiness[] }) {
  const lowAnxiety = useLowAnxiety();
  if (gaps.length === 0) {
    return (
      <p className="muted">
        No gaps: every skill for this target is measured (or rated) at{" "}
        {lowAnxiety ? `“${scoreInWords(READY_LEVEL)}” or better` : `${READY_LEVEL} or above`}.
      </p>
    );
  }
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="practise" />
      <ol className="gap-cards">
        {gaps.map((s) => (
          <li key={s.skill} className="gap-card">
            <h3>{skillLabel(s.skill)}</h3>
            <p>
              {why(s, lowAnxiety)}{" "}
              <span className="hint">
                Asked in {s.frequency} {s.frequency === 1 ? "question" : "questions"}.
              </span>
            </p>
            {s.overrated ? <p className="badge">Rated above what your answers show</p> : null}
            <button type="submit" name="gap" value={s.skill}>
              Practise {skillLabel(s.skill)}
            </button>
          </li>
        ))}
      </ol>
    </Form>
  );
}

/** Any other skill of the target in one drop-down: the same one-click round, without a button per skill. */
export function PractiseAnotherSkill({ skills }: { skills: string[] }) {
  if (skills.length === 0) return null;
  return (
    <Form method="post" className="filters practise-another">
      <input type="hidden" name="intent" value="practise" />
      <div>
        <label htmlFor="other-gap">Practise another skill</label>
        <select id="other-gap" name="gap">
          {skills.map((skill) => (
            <option key={skill} value={skill}>
              {skillLabel(skill)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-actions">
        <button type="submit">Practise</button>
      </div>
    </Form>
  );
}
