import type { StarPart } from "~/grading/grade-schema";
import { LESSON_MARKERS, RESULT_MARKERS, SITUATION_MARKERS, TASK_MARKERS } from "./lexicon";
import type { KeyedText } from "./phrase-match";
import { graderPhrases } from "./read-text";
import type { BehaviouralSignal } from "./rubric-index";
import type { SentenceFeatures } from "./sentence-features";

/**
 * The shape of a behavioural story: situation, task, action, result (STAR),
 * plus what interviewers listen for around it: personal ownership ("I did",
 * not only "we did"), a result with a number, and a lesson.
 */

export interface StarAnalysis {
  present: StarPart[];
  missing: StarPart[];
  /** 0-1 strength of each signal. */
  signals: Record<BehaviouralSignal, number>;
  /** Sentence that best shows each signal. */
  sentences: Partial<Record<BehaviouralSignal, number>>;
  iActions: number;
  weActions: number;
  /** Share of first-person actions said with "I". */
  ownership: number;
  metrics: number;
  hasLesson: boolean;
}

const NO_PERSONAL_ACTION = 0.25;
const MOSTLY_WE = 0.45;
const UNTIED_RESULT = 0.25;

const situation = graderPhrases(SITUATION_MARKERS);
const task = graderPhrases(TASK_MARKERS);
const result = graderPhrases(RESULT_MARKERS);
const lesson = graderPhrases(LESSON_MARKERS);

export function analyseStar(keyed: KeyedText, features: SentenceFeatures[]): StarAnalysis {
  const count = keyed.sentences.length;
  const signals: Record<BehaviouralSignal, number> = { situation: 0, task: 0, action: 0, result: 0, lesson: 0 };
  const sentences: Partial<Record<BehaviouralSignal, number>> = {};
  const raise = (signal: BehaviouralSignal, value: number, s: number) => {
    if (value > signals[signal]) {
      signals[signal] = value;
      sentences[signal] = s;
    }
  };

  let iActions = 0;
  let weActions = 0;
  let metrics = 0;
  let lateMetrics = 0;
  keyed.sentences.forEach((sentence, s) => {
    const f = features[s];
    if (!f || f.listLike || f.opinion || f.conditional) return;
    const early = s < Math.max(2, Math.ceil(count * 0.5));
    const late = s >= Math.floor(count * 0.4);
    iActions += f.iActions;
    weActions += f.weActions;
    metrics += f.metrics;
    if (late) lateMetrics += f.metrics;

    if (early && (f.pastTense || f.firstPerson)) {
      const context = situation.has(sentence);
      const specific = f.concrete || f.namedTools > 0;
      raise("situation", context && f.pastTense ? (specific ? 1 : 0.8) : f.pastTense ? 0.5 : 0.3, s);
    }
    if (task.has(sentence) && !f.hypothetical) raise("task", f.firstPerson ? 1 : 0.5, s);
    if (f.iActions > 0 && !f.opinion) {
      raise("action", Math.min(1, 0.5 + 0.15 * f.explanationMarkers + (f.concrete || f.namedTools > 0 ? 0.2 : 0)), s);
    } else if (f.weActions > 0 && !f.opinion) {
      raise("action", 0.3, s);
    }
    if (result.has(sentence) && late && (f.pastTense || f.metrics > 0)) raise("result", f.metrics > 0 ? 1 : 0.5, s);
    else if (f.metrics > 0 && late && f.pastTense) raise("result", 0.7, s);
    if (lesson.has(sentence) && late) raise("lesson", f.firstPerson ? 1 : 0.6, s);
  });

  // Action strength grows with the number of things the candidate says they did themselves.
  const actionVolume = Math.min(1, (iActions + 0.35 * weActions) / 4);
  signals.action = Math.min(1, 0.5 * signals.action + 0.5 * actionVolume + (signals.action > 0 ? 0.1 : 0));
  if (signals.result > 0 && lateMetrics === 0 && metrics > 0) signals.result = Math.max(signals.result, 0.6);
  // "We decided... it worked out well": a story with no action of the candidate's own shows no ownership.
  if (iActions === 0) signals.action = Math.min(signals.action, NO_PERSONAL_ACTION);
  else if (iActions <= 1 && weActions >= 3) signals.action = Math.min(signals.action, MOSTLY_WE);
  // A result is the outcome of something the candidate did in a real situation: a number or "Result:" with
  // no story behind it earns nothing.
  if (iActions === 0 || signals.situation < 0.5) signals.result = Math.min(signals.result, UNTIED_RESULT);

  const present: StarPart[] = [];
  const missing: StarPart[] = [];
  const parts: Array<[StarPart, number]> = [
    ["situation", signals.situation >= 0.5 ? 1 : 0],
    ["task", signals.task >= 0.5 ? 1 : 0],
    ["action", signals.action >= 0.45 ? 1 : 0],
    ["result", signals.result >= 0.5 ? 1 : 0],
  ];
  for (const [part, on] of parts) (on ? present : missing).push(part);

  const firstPersonActions = iActions + weActions;
  return {
    present,
    missing,
    signals,
    sentences,
    iActions,
    weActions,
    ownership: firstPersonActions === 0 ? 0 : iActions / firstPersonActions,
    metrics,
    hasLesson: signals.lesson >= 0.7,
  };
}
