import type { Question } from "~/question-bank/question-schema";
import { ECHO_CHARS_MAX, toFormErrors, type FormErrors } from "~/utils/forms";
import {
  candidateQuestion,
  checkCandidate,
  customQuestionFormSchema,
  fieldOf,
  listOf,
  questionFieldsOf,
  type CustomQuestionResult,
} from "./custom-question-form";
import {
  CRITERIA,
  CRITERIA_MAX,
  CRITERIA_MIN,
  criterionField,
  criterionPlace,
  emptyCriterion,
  KEY_POINTS_MAX,
  keyPointField,
  keyPointPlace,
  keyPointsPlace,
  type BuilderValues,
  type CriterionKey,
  type CriterionValues,
  type KeyPointKey,
  type KeyPointValues,
} from "./question-builder";

/**
 * The builder's fields read back from a post, and validated. The server reads
 * `criteria[2].keyPoints[0].point` itself, bounded before anything is built:
 * an index must be a plain number no greater than its list's limit (one row
 * over the limit is read, so the schema can say "Write at most 6 criteria.";
 * `criteria[99999]`, `criteria[-1]` or an unknown key refuses the post), each
 * value is cut at the echo limit and repeated fields count once. The rows then
 * become the rubric a question file holds and `questionSchema` validates the
 * whole question, so the builder, the YAML form, packs and bank files obey
 * the same rules and speak the same sentences.
 */

/** Every field but the rubric, with the form's transport limits ("This is far too long: …"). */
const builderFieldsSchema = customQuestionFormSchema.omit({ rubric: true });
const TEXT_FIELDS = new Set(["id", "title", "kind", "prompt", "skills", "competencies", "minutes"]);
const ANSWER_FIELDS = new Set(["strong", "weak", "probes", "tips"]);
/** Checkbox lists: the form schema refuses more than 10; one more is enough to read for it to say so. */
const LIST_FIELDS = new Set(["bands", "roles"]);
const LIST_READ_MAX = 11;

const INDEX = "(0|[1-9]\\d{0,5})";
const CRITERION_NAME = new RegExp(
  `^criteria\\[${INDEX}\\]\\.(id|name|weight|description|misconceptions)$`,
);
const KEY_POINT_NAME = new RegExp(
  `^criteria\\[${INDEX}\\]\\.keyPoints\\[${INDEX}\\]\\.(id|point|phrasings|meaning)$`,
);

export const UNREADABLE_FIELDS =
  "Part of the form could not be read (a criterion or key point that is not on the page): reload the page and try again.";

interface CriterionDraft {
  fields: Partial<Record<CriterionKey, string>>;
  keyPoints: Map<number, Partial<KeyPointValues>>;
}

export interface BuilderRead {
  values: BuilderValues;
  /** The button pressed, as posted (null when none was). */
  intent: string | null;
  /** Problems with the post itself (a field no page has, a value far too long); null when there are none. */
  errors: FormErrors | null;
}

/** Reads the builder's post in one pass over its fields; nothing it does grows with an index or a repeated name. */
export function readBuilderForm(formData: FormData): BuilderRead {
  const text: Record<string, string> = {};
  const lists: Record<string, string[]> = { bands: [], roles: [] };
  const drafts = new Map<number, CriterionDraft>();
  let intent: string | null = null;
  let unreadable = false;
  for (const [name, value] of formData.entries()) {
    const posted = typeof value === "string" ? value.slice(0, ECHO_CHARS_MAX) : "";
    if (name === "intent") {
      intent ??= posted;
    } else if (LIST_FIELDS.has(name)) {
      const list = lists[name]!;
      if (list.length < LIST_READ_MAX) list.push(posted);
    } else if (TEXT_FIELDS.has(name) || ANSWER_FIELDS.has(name)) {
      if (!(name in text)) text[name] = posted;
    } else if (name.startsWith("criteria")) {
      if (!readRowField(drafts, name, posted)) unreadable = true;
    }
    // Any other name is not the builder's (an extension's, say): ignored, as every form here ignores one.
  }
  const values: BuilderValues = {
    id: text.id ?? "",
    title: text.title ?? "",
    kind: text.kind ?? "",
    prompt: text.prompt ?? "",
    skills: text.skills ?? "",
    competencies: text.competencies ?? "",
    bands: lists.bands!,
    roles: lists.roles!,
    minutes: text.minutes ?? "",
    strong: text.strong ?? "",
    weak: text.weak ?? "",
    probes: text.probes ?? "",
    tips: text.tips ?? "",
    criteria: rowsOf(drafts),
  };
  const errors: FormErrors = { form: [], fields: {} };
  if (unreadable) errors.form.push(UNREADABLE_FIELDS);
  const checked = builderFieldsSchema.safeParse({ ...text, ...lists });
  if (!checked.success) {
    const transport = toFormErrors(checked.error);
    errors.form.push(...transport.form);
    Object.assign(errors.fields, transport.fields);
  }
  const refused = errors.form.length > 0 || Object.keys(errors.fields).length > 0;
  return { values, intent, errors: refused ? errors : null };
}

/** Files one `criteria[…]` field into its row; false when the name is not one the builder has. */
function readRowField(drafts: Map<number, CriterionDraft>, name: string, value: string): boolean {
  const keyPoint = KEY_POINT_NAME.exec(name);
  const criterion = keyPoint ?? CRITERION_NAME.exec(name);
  if (!criterion) return false;
  const c = Number(criterion[1]);
  // One row over the limit is read, so the schema says "at most"; past that the post is no page's.
  if (c > CRITERIA_MAX) return false;
  let draft = drafts.get(c);
  if (!draft) drafts.set(c, (draft = { fields: {}, keyPoints: new Map() }));
  if (keyPoint) {
    const k = Number(keyPoint[2]);
    if (k > KEY_POINTS_MAX) return false;
    let point = draft.keyPoints.get(k);
    if (!point) draft.keyPoints.set(k, (point = {}));
    point[keyPoint[3] as KeyPointKey] ??= value;
  } else {
    draft.fields[criterion[2] as CriterionKey] ??= value;
  }
  return true;
}

/** The rows in the order of their indices (a gap, from a hand-made post, closes up). */
function rowsOf(drafts: Map<number, CriterionDraft>): CriterionValues[] {
  return [...drafts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, { fields, keyPoints }]) => ({
      id: fields.id ?? "",
      name: fields.name ?? "",
      weight: fields.weight ?? "",
      description: fields.description ?? "",
      misconceptions: fields.misconceptions ?? "",
      keyPoints: [...keyPoints.entries()]
        .sort(([a], [b]) => a - b)
        .map(([, point]) => ({
          id: point.id ?? "",
          point: point.point ?? "",
          phrasings: point.phrasings ?? "",
          meaning: point.meaning ?? "",
        })),
    }));
}

/** A slug made from text, at most `max` characters on a word boundary ("" when the text has no latin letter or digit). */
function slugFrom(text: string, max = 40): string {
  const words =
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? [];
  let slug = "";
  for (const word of words) {
    const longer = slug ? `${slug}-${word}` : word.slice(0, max);
    if (longer.length > max) break;
    slug = longer;
  }
  return slug;
}

/** `base`, or `base-2`, `base-3`… whichever is not taken yet (and takes it). */
function unique(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** Hidden ids are kept; a new criterion's id is made from its name, a new key point's from its text. */
function withIds(criteria: CriterionValues[]): CriterionValues[] {
  const criterionIds = new Set(criteria.map((c) => c.id.trim()).filter(Boolean));
  const pointIds = new Set(
    criteria.flatMap((c) => c.keyPoints.map((p) => p.id.trim())).filter(Boolean),
  );
  return criteria.map((criterion, c) => ({
    ...criterion,
    id:
      criterion.id.trim() || unique(slugFrom(criterion.name) || `criterion-${c + 1}`, criterionIds),
    keyPoints: criterion.keyPoints.map((point, k) => ({
      ...point,
      id: point.id.trim() || unique(slugFrom(point.point) || `point-${c + 1}-${k + 1}`, pointIds),
    })),
  }));
}

/** A weight as typed: a plain decimal (comma or point) becomes a number; anything else stays text for the schema to name. */
function weightOf(typed: string): number | string {
  return /^\s*-?\d{1,3}(?:[.,]\d{1,4})?\s*$/.test(typed) ? Number(typed.replace(",", ".")) : typed;
}

/** Where a problem deep in the rubric is shown: beside the field, or at the top of its criterion or key point. */
function builderFieldOf(path: PropertyKey[]): string | null {
  if (path[0] !== "rubric") return fieldOf(path);
  const [, c, key, k, sub] = path;
  if (typeof c !== "number") return CRITERIA;
  if (key === "name" || key === "weight" || key === "description" || key === "misconceptions")
    return criterionField(c, key);
  if (key !== "keyPoints") return criterionPlace(c);
  if (typeof k !== "number") return keyPointsPlace(c);
  if (sub === "point" || sub === "phrasings" || sub === "meaning") return keyPointField(c, k, sub);
  return keyPointPlace(c, k);
}

/** The builder's values as the question they describe, validated by the bank's schema. */
export function validateBuilder(values: BuilderValues): CustomQuestionResult {
  const fields: Record<string, string[]> = {};
  const rubric = withIds(values.criteria).map((criterion, c) => {
    let misconceptions: unknown = [];
    if (criterion.misconceptions.trim() !== "") {
      try {
        misconceptions = JSON.parse(criterion.misconceptions);
      } catch {
        fields[criterionField(c, "misconceptions")] = [
          `Criterion ${c + 1}: its misconceptions could not be read: reload the page, or edit them in the YAML editor.`,
        ];
      }
    }
    return {
      id: criterion.id,
      name: criterion.name,
      weight: weightOf(criterion.weight),
      description: criterion.description,
      keyPoints: criterion.keyPoints.map((point) => ({
        id: point.id,
        point: point.point,
        phrasings: listOf(point.phrasings, /\r?\n/),
        ...(point.meaning.trim() === "" ? {} : { meaning: point.meaning }),
      })),
      misconceptions,
    };
  });
  return checkCandidate(candidateQuestion(values, rubric), builderFieldOf, fields);
}

/** A saved question in the builder, for editing: its ids ride along hidden, so its history keeps its criteria. */
export function builderValuesOf(question: Question): BuilderValues {
  return {
    ...questionFieldsOf(question),
    criteria: question.rubric.map((criterion) => ({
      id: criterion.id,
      name: criterion.name,
      weight: String(criterion.weight),
      description: criterion.description,
      keyPoints: criterion.keyPoints.map((point) => ({
        id: point.id,
        point: point.point,
        phrasings: point.phrasings.join("\n"),
        meaning: point.meaning ?? "",
      })),
      misconceptions:
        criterion.misconceptions.length > 0 ? JSON.stringify(criterion.misconceptions) : "",
    })),
  };
}

/** The empty builder: backend, a mid band, five minutes, and the fewest criteria a rubric may have, each with a key point. */
export const NEW_BUILDER_VALUES: BuilderValues = {
  id: "",
  title: "",
  kind: "concept",
  prompt: "",
  skills: "",
  competencies: "",
  bands: ["3-5"],
  roles: ["backend"],
  minutes: "5",
  strong: "",
  weak: "",
  probes: "",
  tips: "",
  criteria: Array.from({ length: CRITERIA_MIN }, emptyCriterion),
};
