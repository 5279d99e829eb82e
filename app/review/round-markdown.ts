import type { Grade } from "~/grading/grade-schema";
import type { QuestionView } from "~/grading/round-grades.server";
import { roundAverage } from "~/grading/round-average";
import { escapeMarkdown } from "~/stories/story-markdown";
import { groupFeedback } from "~/scores/criterion-feedback";
import type { DateFormat } from "~/dates/format";
import { summaryRows, summaryScore, summaryTime } from "./report-summary";
import { feedbackText, scoreText } from "~/scores/score-words";
import { questionTime, timeUsedText } from "./time-used";

export interface MarkdownRound {
  title: string;
  band: string;
  createdAt: Date;
  finishedAt: Date | null;
}

const quote = (text: string) =>
  text.trim() === ""
    ? "> _(no answer was written)_"
    : escapeMarkdown(text)
        .split("\n")
        .map((line) => `> ${line}`)
        .join("\n");
// User and grader text is escaped as the story export escapes it: raw HTML in an answer stays text.
const cell = (text: string | null) =>
  text === null ? "—" : escapeMarkdown(text.replace(/\s*\n\s*/g, " "));
const line = (text: string) => escapeMarkdown(text.replace(/\s+/g, " ").trim());

function gradeLines(grade: Grade, names: Map<string, string>, lowAnxiety: boolean): string[] {
  const lines = [
    grade.overall === null
      ? `**Overall:** not assessed`
      : `**Overall:** ${scoreText(grade.overall, lowAnxiety)}`,
    "",
    `| Criterion | ${lowAnxiety ? "How it went" : "Score"} | What earned it | Why |`,
    "|---|---|---|---|",
  ];
  // Each criterion's feedback once, as the page shows it (groupFeedback).
  const feedback = groupFeedback(grade, (id) => names.get(id) ?? id);
  for (const c of feedback.criteria) {
    const why = [c.why, ...c.nextSteps.map((step) => `Next time: ${step}`)].join(" ");
    lines.push(
      `| ${cell(c.name)} | ${scoreText(c.score, lowAnxiety, 0)} | ${cell(c.evidence)} | ${cell(feedbackText(why, lowAnxiety))} |`,
    );
  }
  if (grade.star)
    lines.push(
      "",
      `**STAR:** present — ${grade.star.present.join(", ") || "none"}; missing — ${grade.star.missing.join(", ") || "none"}`,
    );
  if (feedback.strengths.length > 0)
    lines.push(
      "",
      "**Strong:**",
      ...feedback.strengths.map((s) => `- ${line(feedbackText(s, lowAnxiety))}`),
    );
  if (feedback.improvements.length > 0)
    lines.push(
      "",
      "**To improve:**",
      ...feedback.improvements.map((s) => `- ${line(feedbackText(s, lowAnxiety))}`),
    );
  if (grade.insights) {
    const i = grade.insights;
    // No pace: a typed answer's words per minute measures typing or pasting, not speech (issue 18).
    const parts = [`${i.wordCount} words`];
    if (i.fillerWords.length > 0)
      parts.push(`filler: ${i.fillerWords.map((f) => `${f.word} ×${f.count}`).join(", ")}`);
    if (i.termsUsed.length > 0) parts.push(`terms used: ${i.termsUsed.join(", ")}`);
    lines.push("", `_${parts.join(" · ")}_`);
  }
  return lines;
}

/** A round report as Markdown: what the report page shows, to keep or paste elsewhere. */
export function roundToMarkdown(
  round: MarkdownRound,
  questions: QuestionView[],
  lowAnxiety: boolean,
  dates: DateFormat,
): string {
  const average = roundAverage(questions);
  const lines = [
    `# ${round.title}`,
    "",
    `- Taken: ${dates.dateTime(round.createdAt)}`,
    `- Experience band: ${round.band} years`,
  ];
  if (average !== null) lines.push(`- Overall (round average): ${scoreText(average, lowAnxiety)}`);
  if (!round.finishedAt) lines.push("- Not finished yet");
  lines.push("", "## Summary", "", "| # | Question | Score | Time used |", "|---|---|---|---|");
  for (const row of summaryRows(questions))
    lines.push(
      `| ${row.position} | ${cell(row.title)} | ${summaryScore(row, lowAnxiety)} | ${summaryTime(row)} |`,
    );
  for (const { roundQuestion, main, followUps } of questions) {
    const { question } = roundQuestion;
    const names = new Map(question.rubric.map((c) => [c.id, c.name]));
    lines.push(
      "",
      `## ${roundQuestion.position}. ${line(question.title)}`,
      "",
      quote(question.prompt),
      "",
    );
    if (!main?.submittedAt) {
      lines.push("_Not answered._");
      continue;
    }
    lines.push(
      `Time used: ${timeUsedText(questionTime(main, followUps))}${main.timedOut ? " (submitted after the clock ran out)" : ""}`,
    );
    lines.push("", "### Your answer", "", quote(main.text), "");
    lines.push(
      ...(main.skipped
        ? ["_Skipped: not graded, and in no score._"]
        : main.grade
          ? ["### Feedback", "", ...gradeLines(main.grade.grade, names, lowAnxiety)]
          : ["_Not graded yet._"]),
    );
    const probes = main.grade?.grade.probes ?? [];
    if (probes.length > 0) {
      lines.push("", "### Follow-up probes");
      probes.forEach((probe, i) => {
        const answer = followUps.find((f) => f.slot === i + 1 && f.submittedAt);
        lines.push("", `${i + 1}. **${line(probe.question)}**`, "");
        if (!answer) {
          lines.push("_Not answered._");
          return;
        }
        lines.push(quote(answer.text));
        if (answer.grade) lines.push("", ...gradeLines(answer.grade.grade, names, lowAnxiety));
      });
    }
    lines.push("", "### Strong example answer", "", quote(question.examples.strong));
  }
  return `${lines.join("\n")}\n`;
}
