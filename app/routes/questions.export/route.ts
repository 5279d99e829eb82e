import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "~/utils/zod";
import { requireUser } from "~/auth/session.server";
import { findQuestionForUser } from "~/custom-questions/questions-for-user.server";
import { PACK_CONTENT_TYPES, packOf, serialisePack } from "~/packs/export-pack";
import { PACK_QUESTIONS_MAX } from "~/packs/pack-limits";
import { isoDay } from "~/dates/format";
import { invariantResponse } from "~/utils/invariant.server";
import { download } from "~/utils/download.server";

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
  // A GET's query, answered with a file or a 400 (nothing is echoed, so no form reply): read whole,
  // since a pack may hold more questions than a form reply would echo.
  const { searchParams } = new URL(request.url);
  const parsed = exportSchema.safeParse({
    ids: searchParams.getAll("ids"),
    format: searchParams.get("format") ?? undefined,
  });
  invariantResponse(
    parsed.success,
    `Tick between 1 and ${PACK_QUESTIONS_MAX} questions on /questions, and choose YAML or JSON.`,
    400,
  );
  const questions = [...new Set(parsed.data.ids)].map((id) => findQuestionForUser(user.id, id));
  invariantResponse(
    questions.every((q) => q !== undefined),
    "Question not found",
  );
  const { format } = parsed.data;
  return download(serialisePack(packOf(questions), format), {
    name: `rehearse-pack-${isoDay(Date.now())}.${format}`,
    type: PACK_CONTENT_TYPES[format],
  });
}
