import type { ActionFunctionArgs } from "@remix-run/node";
import type { GradeProgress } from "~/grading/grade-answer.server";
import { latestGrades } from "~/grading/grades.server";
import { resolveAnswerSlotFromQuery } from "~/answering/answer-slots.server";
import { findAnswer } from "~/rounds/answers.server";
import { gradeInRound, settleExpired } from "~/grading/round-grades.server";
import { invariantResponse } from "~/utils/invariant.server";

/**
 * Grades one answer and streams it as server-sent events: `progress` events
 * as the LLM writes the grade, then `done` once it is stored (or `failed`).
 * A POST, since it writes (the page reads the stream with fetch); an answer
 * whose clock ran out is stored as submitted first. The page reloads its data
 * on `done`. Closing the page does not cancel the grading: the answer is
 * graded and stored either way.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, round, roundQuestions, roundQuestion, slot } = await resolveAnswerSlotFromQuery(
    request,
    params,
  );
  await settleExpired(round.id, user.id, new Date());
  const answer = findAnswer(roundQuestion.id, slot);
  invariantResponse(answer?.submittedAt && !answer.skipped, "No submitted answer to grade");

  const encoder = new TextEncoder();
  let open = true;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) => {
        if (open)
          controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      };
      try {
        if (!latestGrades([answer.id]).has(answer.id)) {
          await gradeInRound(answer, roundQuestion, roundQuestions, {
            userId: user.id,
            onProgress: (event: GradeProgress) => send("progress", event),
          });
        }
        send("done", {});
      } catch (error) {
        console.error("Streamed grading failed for answer", answer.id, error);
        send("failed", { message: "Grading failed. Your answer is saved; try “Grade now”." });
      } finally {
        if (open) controller.close();
        open = false;
      }
    },
    cancel() {
      open = false;
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform keeps the compression middleware from buffering the stream.
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
    },
  });
}
