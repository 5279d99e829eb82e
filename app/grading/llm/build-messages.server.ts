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
