/**
 * The question builder: your own question's rubric written in form fields,
 * one fieldset per criterion and one per key point, rows added and removed by
 * submit buttons the server answers (so it works without JavaScript). This
 * module is what the page and the server share: the values' shape, the
 * fields' names and the buttons' intents. It imports no zod, so the page's
 * bundle ships none; the server reads and validates the fields in
 * question-builder-form.server.ts with the bank's own `questionSchema`.
 */

/**
 * The rubric's limits, as `questionSchema` (question-schema.ts) sets them. The
 * page needs them to offer or withhold "Add" buttons and cannot load the
 * schema without zod; question-builder-form.test.ts checks they agree with it.
 */
export const CRITERIA_MIN = 3;
export const CRITERIA_MAX = 6;
export const KEY_POINTS_MAX = 12;

export interface KeyPointValues {
  /** Hidden: kept from the saved rubric, or empty for a new key point (made from its text on saving). */
  id: string;
  point: string;
  /** One phrasing per line. */
  phrasings: string;
  meaning: string;
}

export interface CriterionValues {
  /** Hidden: kept from the saved rubric, or empty for a new criterion (made from its name on saving). */
  id: string;
  name: string;
  weight: string;
  description: string;
  keyPoints: KeyPointValues[];
  /** Hidden: the criterion's misconceptions as JSON, kept as they are (the YAML editor edits them), or empty. */
  misconceptions: string;
}

/** The question's own fields as typed, which the YAML form and the builder share. */
export interface QuestionTextValues {
  id: string;
  title: string;
  kind: string;
  prompt: string;
  skills: string;
  competencies: string;
  bands: string[];
  roles: string[];
  minutes: string;
  strong: string;
  weak: string;
  probes: string;
  tips: string;
}

/** The YAML form's fields as typed: the question's own and the rubric's YAML. */
export interface YamlFormValues extends QuestionTextValues {
  rubric: string;
}

/** The builder's fields as typed: every value is the text of its field, so a refused form comes back as it was. */
export interface BuilderValues extends QuestionTextValues {
  criteria: CriterionValues[];
}

/** The options of the question's pick-lists, sent by the loader (their lists live beside the zod schema). */
export interface QuestionChoices {
  kinds: readonly string[];
  bands: readonly string[];
  roles: readonly string[];
}

export type CriterionKey = "id" | "name" | "weight" | "description" | "misconceptions";
export type KeyPointKey = keyof KeyPointValues;

/** The errors for the list of criteria as a whole ("Write at least 3 criteria."). */
export const CRITERIA = "criteria";
/** `criteria[1].name`: field names the server reads back into rows (question-builder-form.server.ts). */
export const criterionField = (c: number, key: CriterionKey) => `criteria[${c}].${key}`;
export const keyPointField = (c: number, k: number, key: KeyPointKey) =>
  `criteria[${c}].keyPoints[${k}].${key}`;
/** Where errors about a criterion, its list of key points, or one key point as a whole are kept. */
export const criterionPlace = (c: number) => `criteria[${c}]`;
export const keyPointsPlace = (c: number) => `criteria[${c}].keyPoints`;
export const keyPointPlace = (c: number, k: number) => `criteria[${c}].keyPoints[${k}]`;

/** The builder's form id: Conform names each field's element after it. */
export const BUILDER_FORM_ID = "question-builder";

/** A field's element id as Conform gives it: `criteria[1].keyPoints[0].point` is `question-builder-criteria[1].keyPoints[0].point`. */
export function fieldId(name: string): string {
  return `${BUILDER_FORM_ID}-${name}`;
}

/** The ids of the elements the page may move focus to after a button: the problem list and the Add buttons. */
export const PROBLEMS_ID = "builder-problems";
export const ADD_CRITERION_ID = "add-criterion";
export const addKeyPointId = (c: number) => `add-key-point-${c}`;

/** The values of the builder's submit buttons (`name="intent"`); only "save" writes anything. */
export const INTENT = {
  save: "save",
  addCriterion: "add-criterion",
  removeCriterion: (c: number) => `remove-criterion:${c}`,
  addKeyPoint: (c: number) => `add-key-point:${c}`,
  removeKeyPoint: (c: number, k: number) => `remove-key-point:${c}:${k}`,
} as const;

export const emptyKeyPoint = (): KeyPointValues => ({
  id: "",
  point: "",
  phrasings: "",
  meaning: "",
});

export const emptyCriterion = (): CriterionValues => ({
  id: "",
  name: "",
  weight: "1",
  description: "",
  keyPoints: [emptyKeyPoint()],
  misconceptions: "",
});

/** How many misconceptions a criterion's hidden JSON holds (0 when it is empty or unreadable). */
export function misconceptionCount(json: string): number {
  if (json.trim() === "") return 0;
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.length : 0;
  } catch {
    return 0;
  }
}
