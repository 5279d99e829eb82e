import type { Probe } from "~/grading/grade-schema";
import type { CriterionScore } from "./criterion-scores";
import type { KeyPointResult } from "./key-points";
import type { CompiledProbe, CompiledRubric } from "./rubric-index";
import type { StarAnalysis } from "./star";

/**
 * Follow-up questions where the answer was weakest: first any misconception
 * it stated, then the key points of the weakest criterion that were missed or
 * only named, then missing parts of a behavioural story. A seed probe from
 * the question is preferred when it is about the same point; none repeats a
 * probe already asked in the round.
 */

const MAX_PROBES = 3;
const MIN_PROBES = 2;

const STORY_PROBES = {
  situation: "Set the scene for me: what was the system, what was at stake, and who was affected?",
  task: "What exactly were you responsible for here, and what did success look like?",
  action: "You described what the team did. What did you personally do, and which decision was yours?",
  result: "What was the measurable outcome? Which number would you show to prove it?",
  lesson: "What did you learn from this, and what do you do differently now?",
} as const;

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const key of a) if (b.has(key)) n++;
  return n;
}

/** A label of at most four words ("status codes"), so no rubric sentence is ever read out. */
function shortLabel(label: string): string {
  return label.split(" ").slice(0, 4).join(" ");
}

/** The candidate's own words, cut to a short quote. */
function shortQuote(sentence: string): string {
  const words = sentence.trim().replace(/[.!?]+$/, "").split(/\s+/);
  return words.length <= 12 ? words.join(" ") : `${words.slice(0, 12).join(" ")}…`;
}

const words = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}\s]+/gu, " ").split(/\s+/).filter(Boolean);

/** Every run of five consecutive words in the question's rubric sentences (points, descriptions, corrections). */
const rubricRuns = new WeakMap<CompiledRubric, Set<string>>();

function runsOfFive(text: string): string[] {
  const w = words(text);
  const runs: string[] = [];
  for (let i = 0; i + 5 <= w.length; i++) runs.push(w.slice(i, i + 5).join(" "));
  return runs;
}

/** Whether `text` repeats five or more consecutive words of a rubric sentence (a point, description or correction). */
export function readsOutRubric(text: string, rubric: CompiledRubric): boolean {
  let runs = rubricRuns.get(rubric);
  if (!runs) {
    runs = new Set(
      rubric.question.rubric
        .flatMap((c) => [c.description, ...c.keyPoints.map((kp) => kp.point), ...c.misconceptions.map((m) => m.correction)])
        .flatMap(runsOfFive),
    );
    rubricRuns.set(rubric, runs);
  }
  const known = runs;
  return runsOfFive(text).some((run) => known.has(run));
}

/**
 * A seed probe as a question: some are written as instructions ("... Walk me
 * through the releases."), which become "Can you walk me through ...?".
 */
export function asQuestion(text: string): string {
  const trimmed = text.trim();
  if (trimmed.endsWith("?")) return trimmed;
  const sentences = trimmed.split(/(?<=[.!])\s+(?=[A-Z])/);
  const last = (sentences.pop() ?? "").replace(/[.!]+$/, "");
  const asked = /^(what|why|how|when|where|which|who|is|are|do|does|can|could|would|should)\b/i.test(last)
    ? last
    : `Can you ${last.charAt(0).toLowerCase()}${last.slice(1)}`;
  return [...sentences, `${asked}?`].join(" ");
}

export function chooseProbes(
  rubric: CompiledRubric,
  scores: CriterionScore[],
  star: StarAnalysis | null,
  askedProbes: readonly string[],
  /** The answer's sentence, to quote the candidate's own words back. */
  quote: (sentence: number) => string = () => "",
): Probe[] {
  const asked = new Set(askedProbes.map(normalise));
  const chosen: Probe[] = [];
  const usedSeeds = new Set<CompiledProbe>();
  const add = (question: string, criterionId: string | null) => {
    if (chosen.length >= MAX_PROBES) return;
    const key = normalise(question);
    if (asked.has(key) || chosen.some((p) => normalise(p.question) === key)) return;
    chosen.push({ question: question.length > 400 ? `${question.slice(0, 399)}…` : question, criterionId });
  };
  // A seed that reads out the rubric's own sentences would hand the candidate the answer.
  const available = (probe: CompiledProbe) =>
    !usedSeeds.has(probe) && !asked.has(normalise(probe.text)) && !asked.has(normalise(asQuestion(probe.text))) && !readsOutRubric(probe.text, rubric);
  /** The unused seed probe that uses the key point's own phrasings, the most specific first. */
  const seedFor = (keyPointId: string | null, topic: Set<string>): CompiledProbe | undefined => {
    const direct = rubric.probes
      .filter((p) => available(p) && keyPointId !== null && p.keyPoints.has(keyPointId))
      .sort((a, b) => a.keyPoints.size - b.keyPoints.size)[0];
    if (direct || keyPointId !== null) return direct;
    // A misconception has no key point: a seed probe sharing most of its topic words, at least two.
    let best: CompiledProbe | undefined;
    let bestOverlap = 1;
    for (const probe of rubric.probes) {
      if (!available(probe)) continue;
      const n = overlap(probe.keys, topic);
      if (n > bestOverlap) {
        best = probe;
        bestOverlap = n;
      }
    }
    return best;
  };
  const probeKeyPoint = (kp: KeyPointResult) => {
    const seed = seedFor(kp.keyPoint.id, kp.keyPoint.topicKeys);
    const criterion = rubric.criteria.find((c) => c.criterion.id === kp.keyPoint.criterionId)?.criterion;
    const area = shortLabel((criterion?.name ?? kp.keyPoint.label).toLowerCase());
    if (seed) {
      usedSeeds.add(seed);
      add(asQuestion(seed.text), kp.keyPoint.criterionId);
    } else if (kp.coverage === "missed") {
      // Never the rubric's sentence: the candidate would be handed the answer, in words they never used.
      add(
        rubric.behavioural
          ? `Going back to ${area}: what exactly did you do yourself, and why?`
          : `Where does ${shortLabel(kp.keyPoint.label)} come into this, and why does it matter here?`,
        kp.keyPoint.criterionId,
      );
    } else {
      add(
        rubric.behavioural
          ? `You touched on ${area} briefly. What specifically happened, and what was your part?`
          : `You touched on ${shortLabel(kp.keyPoint.label)}. How does it work in practice, and what can go wrong?`,
        kp.keyPoint.criterionId,
      );
    }
  };

  // 1. Misconceptions: the first thing an interviewer would push on.
  for (const score of scores) {
    for (const stated of score.misconceptions) {
      const m = stated.misconception;
      const seed = seedFor(null, m.topicKeys);
      // The candidate's own words, not the rubric's version of the claim.
      const said = shortQuote(quote(stated.sentence));
      add(said ? `You said "${said}". Is that always true, and what happens in practice?` : "One claim in your answer is questionable. Which part are you least sure of, and why?", m.criterionId);
      if (seed) usedSeeds.add(seed);
    }
  }

  // 2. The weakest criteria first, their weakest key points first.
  const weakestFirst = [...scores].sort((a, b) => a.raw - b.raw || b.criterion.criterion.weight - a.criterion.criterion.weight);
  const storyGaps: Array<keyof typeof STORY_PROBES> = [];
  if (star) {
    if (star.signals.result < 0.7 || star.metrics === 0) storyGaps.push("result");
    if (star.iActions < 2 || star.ownership < 0.5) storyGaps.push("action");
    if (!star.hasLesson) storyGaps.push("lesson");
    if (star.signals.situation < 0.5) storyGaps.push("situation");
    if (star.signals.task < 0.5) storyGaps.push("task");
  }
  for (const score of weakestFirst) {
    if (chosen.length >= MAX_PROBES || score.score >= 5) break;
    const gaps = score.keyPoints.filter((kp) => kp.credit < 0.6).sort((a, b) => a.credit - b.credit);
    const gap = gaps[0];
    const storyGap = storyGaps.find((g) => score.criterion.signals.includes(g));
    if (storyGap && (!gap || gap.credit > 0 || score.signal !== null)) {
      add(STORY_PROBES[storyGap], score.criterion.criterion.id);
      storyGaps.splice(storyGaps.indexOf(storyGap), 1);
    } else if (gap) {
      probeKeyPoint(gap);
    }
  }

  // 3. Still room: remaining story gaps, then the next missed points, then unused seeds.
  for (const gap of storyGaps) add(STORY_PROBES[gap], scores.find((s) => s.criterion.signals.includes(gap))?.criterion.criterion.id ?? null);
  for (const score of weakestFirst) {
    if (chosen.length >= MIN_PROBES) break;
    for (const kp of score.keyPoints.filter((k) => k.credit < 0.6).slice(1)) probeKeyPoint(kp);
  }
  for (const probe of rubric.probes) {
    if (chosen.length >= MIN_PROBES) break;
    if (available(probe)) add(asQuestion(probe.text), null);
  }
  return chosen;
}
