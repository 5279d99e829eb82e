import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "~/utils/zod";
import { requireUser } from "~/auth/session.server";
import { findQuestionForUser } from "~/question-bank/questions-for-user.server";
import { PACK_CONTENT_TYPES, packOf, serialisePack } from "~/packs/export-pack";
import { PACK_QUESTIONS_MAX } from "~/packs/pack-limits";
import { isoDay } from "~/dates/format";
import { invariantResponse } from "~/utils/invariant.server";
import { parseSubmission } from "~/utils/submission.server";

const exportSchema = z.object({
  ids: z.array(z.string().max(80)).min(1).max(PACK_QUESTIONS_MAX),
  format: z.enum(["yaml", "json"]).default("yaml"),
});

/**
 * GET /questions/export?ids=...&format=yaml|json: the chosen questions as a
 * pack file that Import reads back. A question the user cannot see is a 404.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const formData = new FormData();
  for (const [key, value] of url.searchParams) formData.append(key, value);
  const submission = parseSubmission(formData, { schema: exportSchema });
  invariantResponse(
    submission.status === "success",
    `Tick between 1 and ${PACK_QUESTIONS_MAX} questions on /questions, and choose YAML or JSON.`,
    400,
  );
  const questions = [...new Set(submission.value.ids)].map((id) =>
    findQuestionForUser(user.id, id),
  );
  invariantResponse(
    questions.every((q) => q !== undefined),
    "Question not found",
  );
  const { format } = submission.value;
  return new Response(serialisePack(packOf(questions), format), {
    headers: {
      "Content-Type": PACK_CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="rehearse-pack-${isoDay(Date.now())}.${format}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
