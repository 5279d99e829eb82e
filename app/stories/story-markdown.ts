import type { DateFormat } from "~/dates/format";
import { storyFlags } from "./quality-flags";
import { STAR_FIELDS, STAR_HEADINGS } from "./story-limits";
import { UNUSED, type StoryUsage } from "./story-usage";

export interface MarkdownStory {
  id: string;
  title: string;
  situation: string;
  task: string;
  action: string;
  result: string;
  metric: string;
  competencies: string[];
  skills: string[];
  updatedAt: Date;
}

/**
 * User text as inert Markdown: every character that could start a heading,
 * list, quote, link, image, HTML, table, code or emphasis is backslash-escaped,
 * so a story can never forge the export's structure. Line breaks are kept.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) =>
      line
        .replace(/[\\`*_[\]<>|~]/g, "\\$&")
        // Only at the start of a line do these make structure: headings, lists, rules, quotes, setext underlines.
        .replace(/^(\s*)([#+\-=>])/, "$1\\$2")
        .replace(/^(\s*\d+)([.)])/, "$1\\$2"),
    )
    .join("\n");
}

/** A single line (a title, a tag list): line breaks folded into spaces; every # escaped, as one at the end would close a heading. */
const inline = (text: string) =>
  escapeMarkdown(text.replace(/\s+/g, " ").trim()).replace(/(?<!\\)#/g, "\\#");

function storySection(
  story: MarkdownStory,
  n: number,
  usage: StoryUsage,
  dates: DateFormat,
): string[] {
  const lines = [`## ${n}. ${inline(story.title)}`, ""];
  const facts = [
    `- Competencies: ${story.competencies.length > 0 ? inline(story.competencies.join(", ")) : "none yet"}`,
    `- Skills: ${story.skills.length > 0 ? inline(story.skills.join(", ")) : "none yet"}`,
    `- Metric: ${story.metric.trim() ? inline(story.metric) : "none yet"}`,
    `- Told in ${usage.uses} ${usage.uses === 1 ? "answer" : "answers"}${usage.overused ? " (overused lately)" : ""}`,
    `- Last edited: ${dates.dateTime(story.updatedAt)}`,
  ];
  lines.push(...facts);
  for (const part of STAR_FIELDS) {
    const text = story[part].trim();
    lines.push(
      "",
      `### ${STAR_HEADINGS[part]}`,
      "",
      text ? escapeMarkdown(text) : "_Not written yet._",
    );
  }
  const flags = storyFlags(story);
  if (flags.length > 0) lines.push("", "### To improve", "", ...flags.map((f) => `- ${f.message}`));
  return lines;
}

/** The whole story bank as Markdown: one section per story, STAR headings inside. */
export function storiesToMarkdown(
  stories: MarkdownStory[],
  usage: Map<string, StoryUsage>,
  exportedAt: Date,
  dates: DateFormat,
): string {
  const lines = [
    "# My story bank",
    "",
    `Exported from Rehearse on ${dates.dateTime(exportedAt)}: ${stories.length} ${stories.length === 1 ? "story" : "stories"}.`,
  ];
  if (stories.length === 0) lines.push("", "_No stories yet._");
  stories.forEach((story, i) =>
    lines.push("", ...storySection(story, i + 1, usage.get(story.id) ?? UNUSED, dates)),
  );
  return `${lines.join("\n")}\n`;
}
