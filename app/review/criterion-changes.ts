export interface ScoredAttempt {
  overall: number;
  scores: Record<string, number>;
}

export interface CriterionChange {
  criterionId: string;
  name: string;
  first: number | null;
  previous: number | null;
  latest: number | null;
  /** Latest minus previous attempt; null with fewer than two scores. */
  sincePrevious: number | null;
  /** Latest minus first attempt; null with fewer than two scores. */
  sinceFirst: number | null;
}

/**
 * How each criterion moved across graded attempts (given oldest first). A
 * criterion missing from an attempt (the rubric changed) is skipped for it.
 */
export function criterionChanges(
  criteria: { id: string; name: string }[],
  attempts: ScoredAttempt[],
): CriterionChange[] {
  const rows = criteria.map(({ id, name }) => ({
    id,
    name,
    values: attempts.map((a) => a.scores[id]).filter((v): v is number => v !== undefined),
  }));
  rows.unshift({ id: "overall", name: "Overall", values: attempts.map((a) => a.overall) });
  return rows.map(({ id, name, values }) => {
    const first = values[0] ?? null;
    const latest = values.at(-1) ?? null;
    const previous = values.length >= 2 ? values.at(-2)! : null;
    return {
      criterionId: id,
      name,
      first,
      previous,
      latest,
      sincePrevious: previous !== null && latest !== null ? latest - previous : null,
      sinceFirst: values.length >= 2 && first !== null && latest !== null ? latest - first : null,
    };
  });
}
