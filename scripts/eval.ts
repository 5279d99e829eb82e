/**
 * npm run eval -- FILE.jsonl [--grader offline|openai] [--json]
 *
 * Grades every answer in a JSONL file and measures how well the grader ranks
 * them against reference scores: Spearman rank correlation, mean absolute
 * error, and per question whether the best-referenced answer outscored every
 * answer referenced at least two points lower ("strong beats traps").
 *
 * Each line: {"id"?, "question" | "questionId": <bank id or title>, "answer": ...,
 * "reference"?: 1-5, "kind"?: the answer's kind (salad, plain, jargon, ...), "variant"?}
 *
 * Reported overall, per question kind (concept, design, behavioural), per
 * answer kind and per question: Spearman, MAE and quadratic weighted kappa
 * (scores and references rounded to whole points). Sets with answer kinds also
 * get the pairwise checks: on each question the plain-words answers beat every
 * salad, every salad scores <= 2 and every plain-words answer >= 3.5.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { getEnv } from "~/env.server";
import {
  isAssessed,
  type AssessedGrade,
  type Grade,
  type GradeRequest,
} from "~/grading/grade-schema";
import { gradeWithLlm, LlmGradeError } from "~/grading/llm/grade-with-llm.server";
import { isLlmConfigured } from "~/grading/llm/openai-client.server";
import { gradeOffline } from "~/grading/offline/grade-offline.server";
import { loadBankFrom } from "~/question-bank/load-bank.server";
import { QUESTION_KINDS } from "~/question-bank/question-choices";
import type { Question } from "~/question-bank/question-schema";

export type Grader = (request: GradeRequest) => Grade | Promise<Grade>;

/** Which grader really graded each grade of the openai grader, and why the LLM was not used when it was not. */
const llmProvenance = new WeakMap<Grade, { grader: string; fallbackReason: string | null }>();

/** Graders by name. */
export const GRADERS: Record<string, () => Grader> = {
  offline: () => gradeOffline,
  // Whatever OPENAI_BASE_URL (or the OpenAI API with OPENAI_API_KEY) serves; MOCKS=true uses the msw mocks.
  openai: () => {
    if (!isLlmConfigured()) {
      throw new EvalError(
        "the openai grader needs OPENAI_API_KEY or OPENAI_BASE_URL (or MOCKS=true)",
      );
    }
    return async (request) => {
      await startMocksOnce();
      try {
        const { grade } = await gradeWithLlm(request);
        llmProvenance.set(grade, { grader: "openai", fallbackReason: null });
        return grade;
      } catch (error) {
        if (!(error instanceof LlmGradeError)) throw error;
        // As the app does: the offline grader stands in, and the record says so and why.
        const grade = gradeOffline(request);
        llmProvenance.set(grade, { grader: "offline", fallbackReason: error.reason });
        return grade;
      }
    };
  },
};

let mocks: Promise<void> | undefined;

/** MOCKS=true: msw answers the OpenAI API in this process, started on first use (the app never imports tests/). */
function startMocksOnce(): Promise<void> {
  if (!getEnv().MOCKS) return Promise.resolve();
  mocks ??= import("../tests/mocks/index").then(({ startMockServer }) => void startMockServer());
  return mocks;
}

export class EvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EvalError";
  }
}

const QUESTION_KIND_NAMES = new Set<string>(QUESTION_KINDS);

const recordSchema = z
  .object({
    id: z.string().min(1).optional(),
    question: z.string().min(1).optional(),
    questionId: z.string().min(1).optional(),
    answer: z.string(),
    reference: z.number().min(1).max(5).optional(),
    /**
     * Adversarial sets: `variant` is the answer's kind (salad, plain, jargon, keywords, ...) and `kind` the
     * question's; a set without `variant` may put the answer's kind in `kind` (a question kind there is ignored).
     */
    kind: z.string().min(1).max(40).optional(),
    variant: z.string().min(1).max(40).optional(),
  })
  .refine((r) => r.question !== undefined || r.questionId !== undefined, {
    message: "needs question or questionId",
    path: ["question"],
  });

export interface EvalRecord {
  line: number;
  id: string;
  question: Question;
  answer: string;
  reference: number | null;
  /** The answer's kind (salad, plain, ...), when the set says. */
  kind: string | null;
}

export interface GradedRecord extends EvalRecord {
  grade: Grade;
}

export interface QuestionCheck {
  questionId: string;
  /** null when the question has no answer referenced two or more points below its best. */
  strongBeatsTraps: boolean | null;
  bestScore: number | null;
  worstTrapMargin: number | null;
}

/** Agreement of one slice of the set with its references. */
export interface Agreement {
  n: number;
  spearman: number | null;
  meanAbsoluteError: number | null;
  /** Quadratic weighted kappa on whole points 1-5. */
  kappa: number | null;
  meanScore: number | null;
}

/** The adversarial pairs on one question: plain words against salad. */
export interface PairCheck {
  questionId: string;
  /** Highest salad score and lowest plain-words score (null when the question has none of that kind). */
  salad: number | null;
  plain: number | null;
  plainBeatsSalad: boolean | null;
  saladAtMost2: boolean | null;
  plainAtLeast3_5: boolean | null;
}

export interface EvalSummary {
  records: number;
  referenced: number;
  spearman: number | null;
  meanAbsoluteError: number | null;
  kappa: number | null;
  questions: QuestionCheck[];
  allStrongBeatTraps: boolean;
  byQuestionKind: Record<string, Agreement>;
  byAnswerKind: Record<string, Agreement>;
  byQuestion: Record<string, Agreement>;
  pairs: PairCheck[];
  /** Every pair check holds on every question that has the kinds (true when there are none). */
  allPairsHold: boolean;
  notAssessed: number;
}

export function findInBank(bank: Question[], idOrTitle: string): Question | undefined {
  const needle = idOrTitle.trim().toLowerCase();
  return bank.find((q) => q.id === needle || q.title.toLowerCase() === needle);
}

/** Parses and validates the JSONL text; the first bad line throws with its number and the problem. */
export function parseRecords(source: string, bank: Question[]): EvalRecord[] {
  const records: EvalRecord[] = [];
  source.split(/\r?\n/).forEach((text, i) => {
    const line = i + 1;
    if (text.trim() === "") return;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new EvalError(`line ${line}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = recordSchema.safeParse(data);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (issue) => `${issue.path.join(".") || "(record)"}: ${issue.message}`,
      );
      throw new EvalError(`line ${line}: ${problems.join("; ")}`);
    }
    const name = parsed.data.questionId ?? parsed.data.question ?? "";
    const question = findInBank(bank, name);
    if (!question)
      throw new EvalError(
        `line ${line}: unknown question "${name}" (no bank question has that id or title)`,
      );
    records.push({
      line,
      id: parsed.data.id ?? `line-${line}`,
      question,
      answer: parsed.data.answer,
      reference: parsed.data.reference ?? null,
      kind:
        parsed.data.variant ??
        (parsed.data.kind && !QUESTION_KIND_NAMES.has(parsed.data.kind) ? parsed.data.kind : null),
    });
  });
  if (records.length === 0) throw new EvalError("the file has no records");
  return records;
}

export async function gradeRecords(records: EvalRecord[], grader: Grader): Promise<GradedRecord[]> {
  const graded: GradedRecord[] = [];
  for (const record of records) {
    const grade = await grader({
      question: record.question,
      answer: record.answer,
      secondsAllowed: record.question.minutes * 60,
      secondsTaken: null,
      probe: null,
      askedProbes: [],
    });
    graded.push({ ...record, grade });
  }
  return graded;
}

/** Ranks with ties sharing their average rank. */
function ranks(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.[0] === order[i]?.[0]) j++;
    for (let k = i; k <= j; k++) out[order[k]?.[1] ?? 0] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/** Spearman's rho as the Pearson correlation of ranks (correct with ties); null when undefined. */
export function spearman(xs: number[], ys: number[]): number | null {
  if (xs.length < 2 || xs.length !== ys.length) return null;
  const rx = ranks(xs);
  const ry = ranks(ys);
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const mx = mean(rx);
  const my = mean(ry);
  let num = 0;
  let dx = 0;
  let dy = 0;
  for (let i = 0; i < rx.length; i++) {
    const a = (rx[i] ?? 0) - mx;
    const b = (ry[i] ?? 0) - my;
    num += a * b;
    dx += a * a;
    dy += b * b;
  }
  if (dx === 0 || dy === 0) return null;
  return num / Math.sqrt(dx * dy);
}

/**
 * Quadratic weighted kappa between two ratings on whole points 1-5: 1 is
 * perfect agreement, 0 what chance gives; null when it is undefined (one
 * rating, or both raters constant and equal).
 */
export function quadraticKappa(a: number[], b: number[]): number | null {
  if (a.length < 2 || a.length !== b.length) return null;
  const K = 5;
  const bin = (v: number) => Math.min(K - 1, Math.max(0, Math.round(v) - 1));
  const observed = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  const ha = new Array<number>(K).fill(0);
  const hb = new Array<number>(K).fill(0);
  a.forEach((v, i) => {
    const x = bin(v);
    const y = bin(b[i] ?? 0);
    (observed[x] as number[])[y] = ((observed[x] as number[])[y] ?? 0) + 1;
    ha[x] = (ha[x] ?? 0) + 1;
    hb[y] = (hb[y] ?? 0) + 1;
  });
  const n = a.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      const w = ((i - j) * (i - j)) / ((K - 1) * (K - 1));
      num += w * ((observed[i] as number[])[j] ?? 0);
      den += (w * (ha[i] ?? 0) * (hb[j] ?? 0)) / n;
    }
  }
  if (den === 0) return null;
  return 1 - num / den;
}

function agreement(rs: Array<{ reference: number; grade: AssessedGrade }>): Agreement {
  const scores = rs.map((r) => r.grade.overall);
  const refs = rs.map((r) => r.reference);
  return {
    n: rs.length,
    spearman: round(spearman(scores, refs)),
    meanAbsoluteError:
      rs.length === 0
        ? null
        : round(rs.reduce((s, r) => s + Math.abs(r.grade.overall - r.reference), 0) / rs.length),
    kappa: round(quadraticKappa(scores, refs)),
    meanScore: rs.length === 0 ? null : round(scores.reduce((s, v) => s + v, 0) / rs.length, 2),
  };
}

function groupBy<T>(items: T[], key: (item: T) => string | null): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const item of items) {
    const k = key(item);
    if (k !== null) (out[k] ??= []).push(item);
  }
  return out;
}

const SALAD = /salad/i;
/** Correct answers in plain words ("plain", "plain-short"); "wrongplain" is plain words saying wrong things. */
const PLAIN = /^plain\b/i;
export const isPlainWordsKind = (kind: string): boolean => PLAIN.test(kind);

/** Plain words against salad on every question that has both kinds. */
export function pairChecks(graded: GradedRecord[]): PairCheck[] {
  const assessed = graded.filter(
    (r): r is GradedRecord & { grade: AssessedGrade } => isAssessed(r.grade) && r.kind !== null,
  );
  return Object.entries(groupBy(assessed, (r) => r.question.id))
    .map(([questionId, rs]): PairCheck => {
      const salads = rs.filter((r) => SALAD.test(r.kind ?? "")).map((r) => r.grade.overall);
      const plains = rs.filter((r) => isPlainWordsKind(r.kind ?? "")).map((r) => r.grade.overall);
      const salad = salads.length ? Math.max(...salads) : null;
      const plain = plains.length ? Math.min(...plains) : null;
      return {
        questionId,
        salad,
        plain,
        plainBeatsSalad: salad === null || plain === null ? null : plain > salad,
        saladAtMost2: salad === null ? null : salad <= 2,
        plainAtLeast3_5: plain === null ? null : plain >= 3.5,
      };
    })
    .filter((p) => p.salad !== null || p.plain !== null);
}

export function summarise(graded: GradedRecord[]): EvalSummary {
  // A grade without a score (not assessed) has nothing to compare with its reference.
  const referenced = graded.filter(
    (r): r is GradedRecord & { reference: number; grade: AssessedGrade } =>
      r.reference !== null && isAssessed(r.grade),
  );
  const scores = referenced.map((r) => r.grade.overall);
  const refs = referenced.map((r) => r.reference);
  const mae =
    referenced.length === 0
      ? null
      : referenced.reduce((s, r) => s + Math.abs(r.grade.overall - r.reference), 0) /
        referenced.length;

  const byQuestion = new Map<string, Array<(typeof referenced)[number]>>();
  for (const r of referenced)
    byQuestion.set(r.question.id, [...(byQuestion.get(r.question.id) ?? []), r]);
  const questions: QuestionCheck[] = [...byQuestion.entries()].map(([questionId, rs]) => {
    const best = Math.max(...rs.map((r) => r.reference));
    const strong = rs.filter((r) => r.reference === best);
    const traps = rs.filter((r) => r.reference <= best - 2);
    if (traps.length === 0)
      return { questionId, strongBeatsTraps: null, bestScore: null, worstTrapMargin: null };
    // Every answer with the best reference must beat every trap.
    const weakestStrong = Math.min(...strong.map((r) => r.grade.overall));
    const highestTrap = Math.max(...traps.map((r) => r.grade.overall));
    return {
      questionId,
      strongBeatsTraps: weakestStrong > highestTrap,
      bestScore: weakestStrong,
      worstTrapMargin: Math.round((weakestStrong - highestTrap) * 10) / 10,
    };
  });
  const mapValues = (groups: Record<string, typeof referenced>) =>
    Object.fromEntries(Object.entries(groups).map(([k, rs]) => [k, agreement(rs)]));
  const pairs = pairChecks(graded);
  return {
    records: graded.length,
    referenced: referenced.length,
    spearman: spearman(scores, refs),
    meanAbsoluteError: mae,
    kappa: quadraticKappa(scores, refs),
    questions,
    allStrongBeatTraps: questions.every((q) => q.strongBeatsTraps !== false),
    byQuestionKind: mapValues(groupBy(referenced, (r) => r.question.kind)),
    byAnswerKind: mapValues(groupBy(referenced, (r) => r.kind)),
    byQuestion: mapValues(groupBy(referenced, (r) => r.question.id)),
    pairs,
    allPairsHold: pairs.every(
      (p) => p.plainBeatsSalad !== false && p.saladAtMost2 !== false && p.plainAtLeast3_5 !== false,
    ),
    notAssessed: graded.filter((r) => !isAssessed(r.grade)).length,
  };
}

function round(value: number | null, digits = 3): number | null {
  return value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;
}

export function formatRecord(r: GradedRecord): string {
  const criteria = r.grade.criteria.map((c) => `${c.criterionId}=${c.score}`).join(" ");
  const flags = [
    r.grade.flags.injectionSuspected ? "injection" : "",
    r.grade.flags.nonEnglish ? "non-english" : "",
  ].filter(Boolean);
  const ref = r.reference === null ? "" : `  ref ${r.reference}`;
  return `${r.id.padEnd(24)} ${r.grade.overall === null ? "n/a" : r.grade.overall.toFixed(1)}${ref}  [${criteria}]${flags.length ? `  flags: ${flags.join(",")}` : ""}`;
}

const fmt = (v: number | null, digits = 3) => (v === null ? "n/a" : v.toFixed(digits));

function agreementRows(title: string, groups: Record<string, Agreement>): string[] {
  const keys = Object.keys(groups).sort();
  if (keys.length === 0) return [];
  return [
    `${title}:`,
    ...keys.map((k) => {
      const a = groups[k] as Agreement;
      return `  ${k.padEnd(34)} n=${String(a.n).padStart(3)}  mean ${fmt(a.meanScore, 2)}  Spearman ${fmt(a.spearman)}  MAE ${fmt(a.meanAbsoluteError)}  QWK ${fmt(a.kappa)}`;
    }),
  ];
}

export function formatSummary(s: EvalSummary): string {
  const yes = (v: boolean | null) => (v === null ? "n/a" : v ? "yes" : "NO");
  const lines = [
    "",
    `records: ${s.records} (${s.referenced} with a reference${s.notAssessed ? `, ${s.notAssessed} not assessed` : ""})`,
    `Spearman: ${s.spearman === null ? "n/a" : s.spearman.toFixed(3)}`,
    `mean absolute error: ${s.meanAbsoluteError === null ? "n/a" : s.meanAbsoluteError.toFixed(3)}`,
    `quadratic weighted kappa: ${fmt(s.kappa)}`,
    ...agreementRows("by question kind", s.byQuestionKind),
    ...agreementRows("by answer kind", s.byAnswerKind),
    ...agreementRows("by question", s.byQuestion),
    ...(s.pairs.length === 0
      ? []
      : [
          "plain words vs salad (plain > salad, salad <= 2, plain >= 3.5):",
          ...s.pairs.map(
            (p) =>
              `  ${p.questionId.padEnd(34)} plain ${fmt(p.plain, 1)} salad ${fmt(p.salad, 1)}  beats ${yes(p.plainBeatsSalad)}  salad<=2 ${yes(p.saladAtMost2)}  plain>=3.5 ${yes(p.plainAtLeast3_5)}`,
          ),
          `  held on ${s.pairs.filter((p) => p.plainBeatsSalad).length}/${s.pairs.filter((p) => p.plainBeatsSalad !== null).length} questions (beats), all checks: ${s.allPairsHold ? "yes" : "NO"}`,
        ]),
    "strong beats traps:",
    ...s.questions.map((q) =>
      q.strongBeatsTraps === null
        ? `  ${q.questionId}: n/a (no answer referenced two points below the best)`
        : `  ${q.questionId}: ${q.strongBeatsTraps ? "yes" : "NO"} (best ${q.bestScore?.toFixed(1)}, margin over traps ${q.worstTrapMargin?.toFixed(1)})`,
    ),
    `all questions: ${s.allStrongBeatTraps ? "yes" : "NO"}`,
  ];
  return lines.join("\n");
}

export function parseArgs(argv: string[]): { file: string; grader: string; json: boolean } {
  let file: string | undefined;
  let grader = "offline";
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--json") json = true;
    else if (arg === "--grader") {
      const name = argv[++i];
      if (!name) throw new EvalError("--grader needs a name (offline or openai)");
      grader = name;
    } else if (arg.startsWith("--grader=")) grader = arg.slice("--grader=".length);
    else if (arg.startsWith("--")) throw new EvalError(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else throw new EvalError(`unexpected argument ${arg}`);
  }
  if (!file)
    throw new EvalError("usage: npm run eval -- FILE.jsonl [--grader offline|openai] [--json]");
  if (!(grader in GRADERS))
    throw new EvalError(
      `unknown grader "${grader}" (choose from ${Object.keys(GRADERS).join(", ")})`,
    );
  return { file, grader, json };
}

export async function runEval(argv: string[], out: (line: string) => void): Promise<EvalSummary> {
  const args = parseArgs(argv);
  const grader = GRADERS[args.grader]?.();
  if (!grader) throw new EvalError(`unknown grader "${args.grader}"`);
  let source: string;
  try {
    source = readFileSync(args.file, "utf8");
  } catch (error) {
    throw new EvalError(`cannot read ${args.file}: ${(error as Error).message}`);
  }
  const bank = loadBankFrom(path.resolve(process.env.QUESTION_BANK_DIR ?? "question-bank"));
  const graded = await gradeRecords(parseRecords(source, bank), grader);
  const summary = summarise(graded);
  if (args.json) {
    for (const r of graded) {
      out(
        JSON.stringify({
          line: r.line,
          id: r.id,
          question: r.question.id,
          kind: r.kind,
          reference: r.reference,
          grader: llmProvenance.get(r.grade)?.grader ?? args.grader,
          fallbackReason: llmProvenance.get(r.grade)?.fallbackReason ?? null,
          // Not assessed (another language, say): no overall, and no place in any figure above.
          notAssessed:
            (r.grade as { notAssessed?: unknown }).notAssessed === true || r.grade.overall === null,
          overall: r.grade.overall ?? null,
          criteria: Object.fromEntries(r.grade.criteria.map((c) => [c.criterionId, c.score])),
          // The quotes the app verified for each criterion (LLM grades: in the answer, and relevant where it can tell).
          evidence: Object.fromEntries(
            r.grade.criteria.map((c) => [
              c.criterionId,
              c.quotes ?? (c.evidence ? [c.evidence] : []),
            ]),
          ),
          flags: r.grade.flags,
        }),
      );
    }
    out(
      JSON.stringify({
        summary: true,
        grader: args.grader,
        ...summary,
        fallbacks: graded.filter((r) => llmProvenance.get(r.grade)?.fallbackReason).length,
        spearman: round(summary.spearman),
        meanAbsoluteError: round(summary.meanAbsoluteError),
        kappa: round(summary.kappa),
      }),
    );
  } else {
    for (const r of graded) out(formatRecord(r));
    out(formatSummary(summary));
    const fallbacks = graded.filter((r) => llmProvenance.get(r.grade)?.fallbackReason);
    if (args.grader === "openai") out(`LLM fallbacks (graded offline): ${fallbacks.length}`);
  }
  return summary;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runEval(process.argv.slice(2), (line) => console.log(line)).catch((error: unknown) => {
    console.error(error instanceof EvalError ? `eval: ${error.message}` : error);
    process.exit(1);
  });
}
