import type { StarField } from "./story-limits";
import { findMetric } from "./story-metric";
import { titleFrom } from "./story-title";

/**
 * "Save as story": an answer read into a story draft (title, the four STAR
 * parts, metric) for the person to check and edit. Pure and read from the
 * answer's own words, sentence by sentence, so it works the same for any
 * question and whatever the grade said:
 *
 * - Labelled answers ("Situation:", "**Goal:**", "What I did -", …) follow
 *   their labels; a sentence without one stays in the part before it.
 * - Told answers: the first sentence sets the scene (situation); after it,
 *   each sentence goes by what it says: a responsibility ("my job was", "I
 *   was responsible for", "it was on me to", "as the on-call I had to") is
 *   the task; an outcome (a number before and after, "it worked", "since
 *   then", "errors dropped", a lesson) is the result; a first-person deed ("I
 *   rolled back", "we wrote") is an action, even told after the outcome. A
 *   sentence that says none of these continues the part before it.
 *
 * Nothing typed is dropped: every sentence lands in one part, in its order.
 */

export interface StoryDraft extends Record<StarField, string> {
  title: string;
  metric: string;
}

interface Sentence {
  /** Where the sentence starts in the answer, and where its text starts after any label. */
  start: number;
  textStart: number;
  end: number;
  text: string;
  label?: StarField;
}

const LABELS: Record<string, StarField> = {
  situation: "situation",
  "the situation": "situation",
  context: "situation",
  background: "situation",
  task: "task",
  goal: "task",
  objective: "task",
  responsibility: "task",
  role: "task",
  "my role": "task",
  challenge: "task",
  action: "action",
  actions: "action",
  "actions taken": "action",
  approach: "action",
  "what i did": "action",
  result: "result",
  results: "result",
  outcome: "result",
  outcomes: "result",
  impact: "result",
};
// "Situation:", "**Goal:**", "Result - ": a label word, then a colon or a spaced dash.
const LABEL = new RegExp(
  String.raw`^\*{0,2}(${Object.keys(LABELS).join("|")})\*{0,2}\s*(?::|[-–—](?=\s))\s*\*{0,2}\s*`,
  "i",
);

// A sentence ends at . ! or ? (and any closing quote) before whitespace and a capital, digit or quote; a line break always ends one.
const BOUNDARY = /([.!?]+["'”’)\]]*)\s+(?=[A-Z0-9"'“‘(*])|\n/g;

function sentencesOf(answer: string): Sentence[] {
  const sentences: Sentence[] = [];
  const add = (from: number, to: number) => {
    const raw = answer.slice(from, to);
    const start = from + (raw.length - raw.trimStart().length);
    const end = to - (raw.length - raw.trimEnd().length);
    if (end <= start) return;
    const label = LABEL.exec(answer.slice(start, end));
    const textStart = start + (label?.[0].length ?? 0);
    sentences.push({
      start,
      textStart,
      end,
      text: answer.slice(textStart, end),
      label: label ? LABELS[label[1]!.toLowerCase()] : undefined,
    });
  };
  let from = 0;
  for (const match of answer.matchAll(BOUNDARY)) {
    add(from, match.index + (match[1]?.length ?? 0));
    from = match.index + match[0].length;
  }
  add(from, answer.length);
  return sentences;
}

/** Saying what one was there to do. */
const TASK = [
  /\b(?:my|our)\s+(?:\w+\s+)?(?:job|task|responsibility|role|goal|mission|remit|brief|objective|priority|assignment|mandate)\b/i,
  /\bI\s+(?:was|am|got|had been|became)\s+(?:\w+\s+)?(?:responsible|accountable|in charge|tasked|asked|charged|assigned|expected|supposed|brought in|hired)\b/i,
  /\bI\s+was\s+(?:the\s+)?(?:on[- ]call|owner|lead|tech lead|team lead|incident commander|point person|dri)\b/i,
  /\bI\s+(?:owned|volunteered to)\b/i,
  /\bI\s+took\s+(?:on\s+)?(?:ownership|charge|the lead)\b/i,
  /\b(?:it|this|that)\s+(?:was|fell)\s+(?:on|to|up to)\s+me\b/i,
  /\b(?:I|we)\s+(?:had|needed|wanted)\s+to\b/i,
  /\bthe\s+(?:goal|task|ask|challenge|objective|job|mission)\s+was\b/i,
  /\b(?:my|our)\s+(?:manager|lead|director|cto|vp)\s+asked\s+(?:me|us)\b/i,
];

/** How it ended: an outcome, a lasting change, a lesson, or a measured change. */
const RESULT = [
  /^(?:as a result|in the end|eventually|ultimately|overall|afterwards|by the end|the (?:end )?result|the outcome|the impact|(?:this|that) (?:meant|led|resulted|brought|cut|saved|reduced)\b)/i,
  /\b(?:since then|ever since|from then on|to this day|these days)\b/i,
  /\b(?:it|this|that|the (?:fix|change|plan|approach|rollback))\s+(?:worked|paid off|held|helped|succeeded)\b/i,
  /\b(?:I|we)\s+(?:learned|learnt|realised|realized)\b|\blessons?\b|\bnext time\b/i,
  /\b(?:was|were|got)\s+(?:promoted|praised|recognised|recognized|thanked)\b/i,
];
/** A change in the world, told with something other than "I" or "we" as its subject ("errors dropped"). */
const OUTCOME_VERB =
  /\b(?:dropped|fell|rose|grew|improved|decreased|increased|declined|shrank|halved|doubled|tripled|recovered|stabili[sz]ed|came back|went (?:down|up)|stopped|disappeared|vanished|adopted|succeeded)\b/gi;
const FIRST_PERSON_BEFORE = /\b(?:I|we)\s+(?:\w+ly\s+|also\s+|then\s+|just\s+)?$/i;

/** A deed in the first person: "I rolled back", "we also ran", "then I wrote". */
const ACTION = new RegExp(
  String.raw`\b(?:I|we)\s+(?:\w+ly\s+|also\s+|then\s+|first\s+|just\s+|personally\s+)?(?!(?:needed|wanted|hoped|expected|liked|loved|hated|seemed|joined|used)\b)(?:\w+ed|wrote|rewrote|set|built|rebuilt|ran|took|made|led|got|put|sat|spoke|brought|drove|found|began|chose|split|cut|met|kept|sent|gave|told|held|went|broke|dug|spun|stood|read|undid|sought|taught|let|drew|did|froze|bought|won|fought|caught|threw|tore|overrode|withdrew|shut)\b`,
  "i",
);

function isOutcome(text: string): boolean {
  if (RESULT.some((cue) => cue.test(text))) return true;
  if (findMetric(text, { reached: false }) !== "") return true;
  for (const verb of text.matchAll(OUTCOME_VERB))
    if (!FIRST_PERSON_BEFORE.test(text.slice(0, verb.index))) return true;
  return false;
}

/** The part a told sentence says it belongs to, if it says. */
function cueOf(text: string): StarField | undefined {
  if (TASK.some((cue) => cue.test(text))) return "task";
  if (isOutcome(text)) return "result";
  if (ACTION.test(text)) return "action";
  return undefined;
}

function partsOf(sentences: Sentence[]): StarField[] {
  const labelled = sentences.some((s) => s.label);
  const parts: StarField[] = [];
  let current: StarField = "situation";
  sentences.forEach((sentence, i) => {
    if (labelled) current = sentence.label ?? current;
    else if (i > 0) current = cueOf(sentence.text) ?? current;
    parts.push(current);
  });
  return parts;
}

/** A part's sentences as typed: runs of neighbours keep the text between them (line breaks too), runs apart join with a space. */
function textOf(
  answer: string,
  sentences: Sentence[],
  parts: StarField[],
  part: StarField,
): string {
  const runs: string[] = [];
  let run = "";
  sentences.forEach((sentence, i) => {
    if (parts[i] !== part) {
      if (run) runs.push(run);
      run = "";
      return;
    }
    run = run
      ? run + answer.slice(sentences[i - 1]!.end, sentence.start) + sentence.text
      : sentence.text;
  });
  if (run) runs.push(run);
  return runs.join(" ");
}

export function draftStory(answer: string): StoryDraft {
  const sentences = sentencesOf(answer);
  const parts = partsOf(sentences);
  const draft: StoryDraft = {
    title: "",
    situation: textOf(answer, sentences, parts, "situation"),
    task: textOf(answer, sentences, parts, "task"),
    action: textOf(answer, sentences, parts, "action"),
    result: textOf(answer, sentences, parts, "result"),
    metric: "",
  };
  draft.title = titleFrom(draft.situation || (sentences[0]?.text ?? ""));
  draft.metric =
    findMetric(draft.result) ||
    findMetric(draft.action, { reached: false }) ||
    findMetric(draft.task, { reached: false });
  return draft;
}
