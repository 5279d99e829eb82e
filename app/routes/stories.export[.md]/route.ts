import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { dateFormat, isoDay } from "~/dates/format";
import { timeZoneFrom } from "~/dates/time-zone.server";
import { listAllStories } from "~/stories/stories.server";
import { usageOfStories } from "~/stories/story-answers.server";
import { storiesToMarkdown } from "~/stories/story-markdown";
import { download } from "~/utils/download.server";

/** GET /stories/export.md — the story bank as a Markdown download. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const markdown = storiesToMarkdown(
    listAllStories(user.id),
    usageOfStories(user.id),
    now,
    dateFormat(timeZoneFrom(request)),
  );
  return download(markdown, {
    name: `rehearse-stories-${isoDay(now)}.md`,
    type: "text/markdown; charset=utf-8",
  });
}
