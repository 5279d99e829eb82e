import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { dateFormat, isoDay } from "~/dates/format";
import { timeZoneFrom } from "~/dates/time-zone.server";
import { getPreferences } from "~/preferences/preferences.server";
import { roundToMarkdown } from "~/review/round-markdown";
import { loadRoundView } from "~/grading/round-grades.server";
import { findRound } from "~/rounds/rounds.server";
import { invariantResponse } from "~/utils/invariant.server";
import { download } from "~/utils/download.server";

/** GET /rounds/:roundId/export.md — the round report as a Markdown download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const round = findRound(user.id, params.roundId ?? "");
  invariantResponse(round, "Round not found");
  const questions = await loadRoundView(round.id, user.id, new Date());
  const markdown = roundToMarkdown(
    round,
    questions,
    getPreferences(user.id).lowAnxiety,
    dateFormat(timeZoneFrom(request)),
  );
  return download(markdown, {
    name: `rehearse-round-${isoDay(round.createdAt)}-${round.id.slice(0, 8)}.md`,
    type: "text/markdown; charset=utf-8",
  });
}
