import { parse as parseYaml } from "yaml";
import { issueSentences, questionIssueMessage, sentenceAt } from "~/question-bank/format-issues";
import type { Question } from "~/question-bank/question-schema";
import { PACK_QUESTIONS_MAX } from "./pack-limits";
import { packSchema, type PackFormat } from "./pack-schema";

export type PackResult = { ok: true; questions: Question[] } | { ok: false; problems: string[] };

/** The format a file name promises, or null for anything but .json, .yaml and .yml. */
export function packFormatOf(fileName: string): PackFormat | null {
  const name = fileName.toLowerCase();
  if (name.endsWith(".json")) return "json";
  if (name.endsWith(".yaml") || name.endsWith(".yml")) return "yaml";
  return null;
}

/**
 * Parses and validates a pack's text. Every problem is reported as a sentence
 * with its place ("Question 4, criterion 1: add at least one key point."),
 * including an id used twice, so a pack is fixed in one pass and accepted
 * whole or not at all.
 */
export function readPack(source: string, format: PackFormat): PackResult {
  if (source.trim() === "") return { ok: false, problems: ["The file is empty."] };
  let data: unknown;
  try {
    data = format === "json" ? JSON.parse(source) : parseYaml(source);
  } catch (error) {
    const label = format === "json" ? "JSON" : "YAML";
    const at = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    const where = at ? ` (line ${at.line}, column ${at.col})` : "";
    return {
      ok: false,
      problems: [
        `The file could not be read as ${label}${where}: ${
          (error as { code?: string }).code === "DUPLICATE_KEY"
            ? "a field appears twice in the same place"
            : "check it against an exported pack"
        }.`,
      ],
    };
  }
  // A pack far over the limit is refused before thousands of questions are validated one by one.
  const listed = questionsListed(data);
  if (listed.length > PACK_QUESTIONS_MAX) {
    return {
      ok: false,
      problems: [
        `A pack holds at most ${PACK_QUESTIONS_MAX} questions; this one has ${listed.length}.`,
      ],
    };
  }
  const result = packSchema.safeParse(data, { error: questionIssueMessage });
  const problems = [
    ...(result.success ? [] : issueSentences(result.error)),
    ...duplicateIds(listed),
  ];
  if (!result.success || problems.length > 0) return { ok: false, problems };
  return { ok: true, questions: result.data.questions };
}

function questionsListed(data: unknown): unknown[] {
  if (typeof data !== "object" || data === null) return [];
  const questions = (data as { questions?: unknown }).questions;
  return Array.isArray(questions) ? questions : [];
}

/** Read from the raw list, so a repeated id is reported even when other fields are wrong too. */
function duplicateIds(questions: unknown[]): string[] {
  const first = new Map<string, number>();
  const problems: string[] = [];
  questions.forEach((question, i) => {
    const id =
      typeof question === "object" && question !== null
        ? (question as { id?: unknown }).id
        : undefined;
    if (typeof id !== "string") return;
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, i);
    else
      problems.push(
        sentenceAt(
          ["questions", i],
          `The id “${id}” is also the id of question ${earlier + 1}: give each question its own.`,
        ),
      );
  });
  return problems;
}
