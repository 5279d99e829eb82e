import { scanForInjection } from "~/grading/offline/injection";
import type { Question } from "~/question-bank/question-schema";
import { quoteOccursIn, restoreLookalikes } from "./untrusted-answer";

/**
 * Evidence the app can check. A criterion scored above 2 must be backed by at
 * least one quote that
 * 1. occurs in the answer (verified), and
 * 2. is relevant to that criterion by the offline grader's semantic matching,
 *    when the offline grader can read the answer; when it cannot (another
 *    language) relevance is not checked, and the grade says so, and
 * 3. does not address the grader (the injection patterns, a second layer:
 *    a sentence addressed to the grader is never relevant to a rubric
 *    criterion, whatever its language or encoding, so 2 already rejects it
 *    wherever relevance is checked).
 */

export const SUPPORT_THRESHOLD = 2;

export interface RelevanceJudge {
  /** Whether relevance can be judged for this answer at all (false for another language). */
  canRead(answer: string): boolean;
  relevant(question: Question, criterionId: string, quote: string): boolean;
}

export type QuoteVerdict =
  "supports" | "invented" | "irrelevant" | "addresses-grader" | "too-short";

export interface CheckedQuote {
  quote: string;
  verdict: QuoteVerdict;
}

export interface EvidenceContext {
  question: Question;
  answer: string;
  judge: RelevanceJudge;
  /** judge.canRead(answer), computed once per grading. */
  relevanceChecked: boolean;
}

export function evidenceContext(
  question: Question,
  answer: string,
  judge: RelevanceJudge,
): EvidenceContext {
  return { question, answer, judge, relevanceChecked: judge.canRead(answer) };
}

/** A quote as the model sent it, with quote marks, whitespace and our look-alikes undone. */
export function cleanQuote(raw: string): string {
  return restoreLookalikes(
    raw
      .trim()
      .replace(/^["“'‘«]+|["”'’»]+$/g, "")
      .trim(),
  ).slice(0, 1000);
}

/**
 * Grader-addressing phrases in the languages the offline grader cannot read,
 * and in any language: the patterns the offline grader uses cover English.
 */
const ADDRESSES_GRADER = [
  // German, French, Spanish, Italian, Portuguese, Dutch: reviewer, grader, examiner ...
  /(?<!\p{L})(?:prüfer|gutachter|bewerter|korrektor|évaluateur|correcteur|examinateur|evaluador|valutatore|revisore|correttore|avaliador|beoordelaar)/iu,
  // ... and the top of the scale they are asked for.
  /(?<!\p{L})(?:volle punktzahl|höchstpunktzahl|bestnote|höchste (?:note|punktzahl|bewertung)|note maximale|puntuación máxima|nota máxima|punteggio massimo|pontuação máxima|maximale score)/iu,
  /(?<!\p{L})(?:vollständige beherrschung|maîtrise complète|dominio completo|padronanza completa|complete mastery|full mastery)/iu,
  /(?<!\p{L})(?:reviewer|grader|evaluator|assessor|examiner|rater)\s*(?:remark|note|comment|instruction)s?(?!\p{L})/iu,
];

/** Long runs of base64 or hex: not evidence a person reads. Decoded, they are scanned too. */
const ENCODED_RUN = /[A-Za-z0-9+/]{24,}={0,2}/g;

/** A run that looks encoded rather than a path or identifier: mixed case, few slashes. */
function encodedRuns(text: string): string[] {
  return (text.match(ENCODED_RUN) ?? []).filter(
    (run) =>
      /[a-z]/.test(run) && /[A-Z]/.test(run) && (run.match(/\//g) ?? []).length <= run.length / 12,
  );
}

function decodedRuns(quote: string): string[] {
  const out: string[] = [];
  for (const run of encodedRuns(quote)) {
    try {
      const text = Buffer.from(run, "base64").toString("utf8");
      if (/^[\p{L}\p{N}\p{P}\p{Zs}]+$/u.test(text)) out.push(text);
    } catch {
      // not base64
    }
  }
  return out;
}

export function addressesGrader(quote: string): boolean {
  const texts = [quote, ...decodedRuns(quote)];
  return texts.some(
    (text) =>
      scanForInjection(text).suspected || ADDRESSES_GRADER.some((pattern) => pattern.test(text)),
  );
}

/** Mostly an encoded blob (base64, hex): no words to read, so no evidence of anything. */
function mostlyEncoded(quote: string): boolean {
  const encoded = encodedRuns(quote).reduce((n, run) => n + run.length, 0);
  return encoded > 0 && encoded >= quote.replace(/\s+/g, "").length * 0.5;
}

function letters(quote: string): number {
  return (quote.match(/\p{L}/gu) ?? []).length;
}

export function checkQuote(
  raw: string,
  criterionId: string,
  context: EvidenceContext,
): CheckedQuote {
  const quote = cleanQuote(raw);
  if (letters(quote) < 3) return { quote, verdict: "too-short" };
  if (!quoteOccursIn(quote, context.answer)) return { quote, verdict: "invented" };
  if (addressesGrader(quote) || mostlyEncoded(quote)) return { quote, verdict: "addresses-grader" };
  if (context.relevanceChecked && !context.judge.relevant(context.question, criterionId, quote)) {
    return { quote, verdict: "irrelevant" };
  }
  return { quote, verdict: "supports" };
}

export interface CriterionEvidence {
  /** Quotes that support the criterion (verified, relevant where checked, not addressed to the grader). */
  supporting: string[];
  /** Why the evidence does not support a score above 2, when it does not; null when it does. */
  problem: string | null;
}

const PROBLEM: Record<Exclude<QuoteVerdict, "supports">, string> = {
  invented: "does not occur in the answer",
  irrelevant: "is not about this criterion",
  "addresses-grader": "addresses the grader instead of answering",
  "too-short": "is too short to show anything",
};

export function checkCriterionEvidence(
  quotes: string[],
  criterionId: string,
  context: EvidenceContext,
  maxQuotes = 3,
): CriterionEvidence {
  const checked = quotes
    .filter((q) => typeof q === "string" && q.trim() !== "")
    .slice(0, maxQuotes * 2)
    .map((q) => checkQuote(q, criterionId, context));
  const supporting = [
    ...new Set(checked.filter((c) => c.verdict === "supports").map((c) => c.quote)),
  ].slice(0, maxQuotes);
  if (supporting.length > 0) return { supporting, problem: null };
  if (checked.length === 0) return { supporting, problem: "no quote was given" };
  const reasons = [
    ...new Set(checked.map((c) => PROBLEM[c.verdict as Exclude<QuoteVerdict, "supports">])),
  ];
  return { supporting, problem: `every quote ${reasons.join(" or ")}` };
}
