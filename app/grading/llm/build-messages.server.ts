import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { GradeRequest } from "~/grading/grade-schema";
import type { Criterion, Question } from "~/question-bank/question-schema";
import { renderTemplate, type Prompts } from "./prompts.server";
import { neutraliseAnswer } from "./untrusted-answer";

/**
 * The grading conversation: the system message (rules, scale, probes
 * instructions) and one user message (question, rubric, reference answer,
 * then the candidate's answer inside nonce-tagged delimiters).
 */

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const noStop = (text: string) => text.trim().replace(/[.;:]+$/, "");

/**
 * Behaviourally anchored scores for one criterion, written from its rubric:
 * what an answer does to earn 5, 3 and 1 on it.
 */
export function renderAnchors(criterion: Criterion): string[] {
  const points = criterion.keyPoints.map((kp) => lowerFirst(noStop(kp.point)));
  const half = Math.max(1, Math.ceil(points.length / 2));
  const misconception = criterion.misconceptions[0];
  return [
    "Score anchors:",
    `- 5: ${noStop(criterion.description)}. The answer explains ${points.length > 1 ? "each of these" : "this"} (what it means and why it matters), with a concrete example or trade-off, and states no misconception: ${points.join("; ")}.`,
    `- 3: the answer explains about ${half} of ${points.length} key point${points.length === 1 ? "" : "s"} (for example: ${points[0] ?? "the main point"}), or names them without saying why they matter.`,
    `- 1: nothing on this criterion, only generalities or buzzwords${misconception ? `, or the misconception "${noStop(misconception.claim)}"` : ", or a wrong claim"}.`,
    "- 2 and 4 sit between these anchors.",
  ];
}

export function renderCriterion(criterion: Criterion): string {
  const lines = [
    `### Criterion \`${criterion.id}\`: ${criterion.name} (weight ${criterion.weight})`,
    `What a 5 looks like: ${criterion.description}`,
    "Key points the interviewer listens for:",
    ...criterion.keyPoints.map((kp) => `- ${kp.point}`),
  ];
  if (criterion.misconceptions.length > 0) {
    lines.push(
      "Misconceptions that cost points:",
      ...criterion.misconceptions.map((m) => `- "${m.claim}" In fact: ${m.correction}`),
    );
  }
  lines.push(...renderAnchors(criterion));
  return lines.join("\n");
}

function timeAllowed(request: GradeRequest): string {
  const minutes = Math.round(request.secondsAllowed / 60);
  const taken =
    request.secondsTaken === null
      ? ""
      : `; the candidate took ${Math.round(request.secondsTaken / 60)}`;
  return `${minutes} minute${minutes === 1 ? "" : "s"}${taken}`;
}

const bullets = (items: string[]) => items.map((item) => `- ${item}`).join("\n");

export interface GradeMessages {
  messages: ChatCompletionMessageParam[];
  /** The answer held markers of an injection attempt. */
  suspicious: boolean;
}

export function buildGradeMessages(
  request: GradeRequest,
  prompts: Prompts,
  options: { nonce: string; jsonSchema: string | null },
): GradeMessages {
  const { question }: { question: Question } = request;
  const { grade, probes } = prompts;
  const answer = neutraliseAnswer(request.answer);
  const probe = request.probe ? neutraliseAnswer(request.probe.question).text : null;

  let system = renderTemplate(grade.sections.system ?? "", {
    nonce: options.nonce,
    follow_up_probes: probes.sections.instructions ?? "",
  });
  if (options.jsonSchema !== null) {
    system += `\n\n${renderTemplate(grade.sections["json-mode"] ?? "", { json_schema: options.jsonSchema })}`;
  }

  const user = renderTemplate(grade.sections.user ?? "", {
    question_kind: question.kind,
    question_title: question.title,
    question_prompt: question.prompt,
    time_allowed: timeAllowed(request),
    rubric: question.rubric.map(renderCriterion).join("\n\n"),
    reference_answer: question.examples.strong,
    weak_example: question.examples.weak,
    seed_probes: bullets(question.probes),
    asked_probes:
      request.askedProbes.length > 0
        ? `\n${renderTemplate(probes.sections.asked ?? "", { asked_probes: bullets(request.askedProbes) })}\n`
        : "",
    follow_up_context: probe
      ? `\n${renderTemplate(grade.sections["follow-up-context"] ?? "", { probe })}\n`
      : "",
    nonce: options.nonce,
    answer: answer.text,
  });

  return {
    messages: [
      { role: "system", content: system },
      { role: "user", content: user },
    ],
    suspicious: answer.suspicious,
  };
}

/** Built in for prompt versions without a `correction` section. */
const DEFAULT_CORRECTION =
  "Your reply could not be accepted: {{reason}}. Reply again with the complete JSON object for the same answer.";

/**
 * The turn that asks for one corrected reply: the rejected reply (when there
 * was a usable one) as the assistant's, then what was wrong with it.
 */
export function correctionMessages(
  prompts: Prompts,
  previous: string,
  reason: string,
): ChatCompletionMessageParam[] {
  const text = renderTemplate(prompts.grade.sections.correction ?? DEFAULT_CORRECTION, { reason });
  return [
    ...(previous.trim() ? [{ role: "assistant" as const, content: previous }] : []),
    { role: "user", content: text },
  ];
}
