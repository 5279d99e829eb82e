import {
  ADD_CRITERION_ID,
  addKeyPointId,
  CRITERIA_MAX,
  criterionField,
  emptyCriterion,
  emptyKeyPoint,
  fieldId,
  KEY_POINTS_MAX,
  keyPointField,
  type BuilderValues,
} from "./question-builder";

/** What a builder button asks for (its `intent`); see INTENT in question-builder.ts. */
export type BuilderIntent =
  | { type: "save" }
  | { type: "add-criterion" }
  | { type: "remove-criterion"; criterion: number }
  | { type: "add-key-point"; criterion: number }
  | { type: "remove-key-point"; criterion: number; keyPoint: number };

const INDEX = "(0|[1-9]\\d{0,2})";
const REMOVE_CRITERION = new RegExp(`^remove-criterion:${INDEX}$`);
const ADD_KEY_POINT = new RegExp(`^add-key-point:${INDEX}$`);
const REMOVE_KEY_POINT = new RegExp(`^remove-key-point:${INDEX}:${INDEX}$`);

/** The button pressed, or null for a value no button of the builder has. No intent at all is "save" (Enter in a field). */
export function parseIntent(value: string | null): BuilderIntent | null {
  if (value === null || value === "save") return { type: "save" };
  if (value === "add-criterion") return { type: "add-criterion" };
  let m = REMOVE_CRITERION.exec(value);
  if (m) return { type: "remove-criterion", criterion: Number(m[1]) };
  m = ADD_KEY_POINT.exec(value);
  if (m) return { type: "add-key-point", criterion: Number(m[1]) };
  m = REMOVE_KEY_POINT.exec(value);
  if (m) return { type: "remove-key-point", criterion: Number(m[1]), keyPoint: Number(m[2]) };
  return null;
}

export type Applied =
  | {
      ok: true;
      values: BuilderValues;
      /** The id of the element to focus on the page shown next: the new row, or the row after a removed one. */
      focus: string;
      /** A short status for screen readers ("Criterion 4 added."). */
      said: string;
    }
  | { ok: false; message: string };

const STALE =
  "That button is no longer on the form (was the page open twice?): nothing was changed.";

/** The values with one row more or fewer; nothing is validated or saved. */
export function applyRowIntent(
  values: BuilderValues,
  intent: Exclude<BuilderIntent, { type: "save" }>,
): Applied {
  const criteria = values.criteria;
  switch (intent.type) {
    case "add-criterion": {
      if (criteria.length >= CRITERIA_MAX)
        return {
          ok: false,
          message: `A question has at most ${CRITERIA_MAX} criteria: remove one before adding another.`,
        };
      const c = criteria.length;
      return {
        ok: true,
        values: { ...values, criteria: [...criteria, emptyCriterion()] },
        focus: fieldId(criterionField(c, "name")),
        said: `Criterion ${c + 1} added.`,
      };
    }
    case "remove-criterion": {
      const c = intent.criterion;
      if (c >= criteria.length) return { ok: false, message: STALE };
      const rest = criteria.filter((_, i) => i !== c);
      const next = Math.min(c, rest.length - 1);
      return {
        ok: true,
        values: { ...values, criteria: rest },
        focus: next >= 0 ? fieldId(criterionField(next, "name")) : ADD_CRITERION_ID,
        said: `Criterion ${c + 1} removed.`,
      };
    }
    case "add-key-point": {
      const c = intent.criterion;
      const criterion = criteria[c];
      if (!criterion) return { ok: false, message: STALE };
      if (criterion.keyPoints.length >= KEY_POINTS_MAX)
        return {
          ok: false,
          message: `Criterion ${c + 1} has ${KEY_POINTS_MAX} key points, the most it can have: remove one before adding another.`,
        };
      const k = criterion.keyPoints.length;
      return {
        ok: true,
        values: withCriterion(values, c, {
          ...criterion,
          keyPoints: [...criterion.keyPoints, emptyKeyPoint()],
        }),
        focus: fieldId(keyPointField(c, k, "point")),
        said: `Key point ${k + 1} added to criterion ${c + 1}.`,
      };
    }
    case "remove-key-point": {
      const { criterion: c, keyPoint: k } = intent;
      const criterion = criteria[c];
      if (!criterion || k >= criterion.keyPoints.length) return { ok: false, message: STALE };
      const rest = criterion.keyPoints.filter((_, i) => i !== k);
      const next = Math.min(k, rest.length - 1);
      return {
        ok: true,
        values: withCriterion(values, c, { ...criterion, keyPoints: rest }),
        focus: next >= 0 ? fieldId(keyPointField(c, next, "point")) : addKeyPointId(c),
        said: `Key point ${k + 1} removed from criterion ${c + 1}.`,
      };
    }
  }
}

function withCriterion(
  values: BuilderValues,
  c: number,
  criterion: BuilderValues["criteria"][number],
): BuilderValues {
  return { ...values, criteria: values.criteria.map((old, i) => (i === c ? criterion : old)) };
}
