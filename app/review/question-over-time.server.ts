import { z } from "~/utils/zod";
import { findQuestionForUser } from "~/custom-questions/questions-for-user.server";
import type { Question } from "~/question-bank/question-schema";
import { invariantResponse } from "~/utils/invariant.server";
import { attemptDetails, latestSnapshot, listAttempts } from "./attempts.server";
import { criterionChanges } from "./criterion-changes";

export const ATTEMPTS_PAGE_SIZE = 10;
const questionIdSchema = z
  .string()
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

/**
 * The question named by the URL: as the user was last asked it, else as the
 * bank or the user's own questions have it (`current` is that version, for
 * reading and practising it again; a deleted own question lives on in its
 * snapshot). Malformed, unknown, or someone else's: a 404.
 */
export function resolveQuestion(userId: string, questionId: string | undefined) {
  const id = questionIdSchema.safeParse(questionId);
  invariantResponse(id.success, "Question not found");
  const available = findQuestionForUser(userId, id.data);
  const question = latestSnapshot(userId, id.data) ?? available;
  invariantResponse(question, "Question not found");
  return { question, current: available ?? question, available: available !== undefined };
}

/** One question over time: a page of attempts side by side, the change per criterion, the latest feedback. */
export function loadQuestionOverTime(userId: string, question: Question, page: number) {
  const all = listAttempts(userId, question.id);
  const graded = all.filter((a) => a.overall !== null);
  // Details only for what the page shows: this page's attempts, and the first, previous and latest graded ones.
  const compared = [...new Set([graded.at(-1), graded[1], graded[0]])].filter(
    (a) => a !== undefined,
  );
  const shown = all.slice((page - 1) * ATTEMPTS_PAGE_SIZE, page * ATTEMPTS_PAGE_SIZE);
  const details = new Map(
    attemptDetails([...new Set([...shown, ...compared])]).map((d) => [d.answerId, d]),
  );
  const scoresOf = (answerId: string) =>
    Object.fromEntries(
      details.get(answerId)?.grade?.grade.criteria.map((c) => [c.criterionId, c.score]) ?? [],
    );
  const criteria = question.rubric.map((c) => ({ id: c.id, name: c.name }));
  const latest = graded[0] ? details.get(graded[0].answerId)! : null;
  return {
    question: {
      id: question.id,
      title: question.title,
      prompt: question.prompt,
      kind: question.kind,
      skills: question.skills,
    },
    criteria,
    total: all.length,
    page,
    pages: Math.ceil(all.length / ATTEMPTS_PAGE_SIZE),
    attempts: shown.map((a) => {
      const d = details.get(a.answerId)!;
      return {
        roundId: a.roundId,
        createdAt: a.createdAt,
        overall: a.overall,
        scores: scoresOf(a.answerId),
        secondsUsed: d.secondsUsed,
        text: d.text,
        timedOut: d.timedOut,
        skipped: d.skipped,
      };
    }),
    changes: criterionChanges(
      criteria,
      compared.map((a) => ({ overall: a.overall!, scores: scoresOf(a.answerId) })),
    ),
    latest: latest?.grade
      ? {
          roundId: latest.roundId,
          createdAt: latest.createdAt,
          grade: latest.grade.grade,
          provenance: latest.grade.provenance,
        }
      : null,
  };
}
