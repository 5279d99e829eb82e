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

/** A rubric sentence as a clause inside a question: no final stop, no capital unless it starts an acronym. */
function asClause(sentence: string): string {
  const clause = sentence.trim().replace(/[.!?]+$/, "");
  return /^[A-Z][a-z]/.test(clause) ? clause[0]?.toLowerCase() + clause.slice(1) : clause;
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const key of a) if (b.has(key)) n++;
  return n;
}

export function chooseProbes(
  rubric: CompiledRubric,
  scores: CriterionScore[],
  star: StarAnalysis | null,
  askedProbes: readonly string[],
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
  const available = (probe: CompiledProbe) => !usedSeeds.has(probe) && !asked.has(normalise(probe.text));
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
    if (seed) {
      usedSeeds.add(seed);
      add(seed.text, kp.keyPoint.criterionId);
    } else if (kp.coverage === "missed") {
      add(
        rubric.behavioural
          ? `Tell me more about the ${kp.keyPoint.label}: what exactly did you do, and why?`
          : `How would you explain this, and how does it apply here: ${asClause(kp.keyPoint.point)}?`,
        kp.keyPoint.criterionId,
      );
    } else {
      add(
        rubric.behavioural
          ? `You mentioned the ${kp.keyPoint.label} briefly. What specifically happened there, and what was your part?`
          : `You mentioned ${kp.keyPoint.label}. What does it mean in practice, and why does it matter here?`,
        kp.keyPoint.criterionId,
      );
    }
  };

  // 1. Misconceptions: the first thing an interviewer would push on.
  for (const score of scores) {
    for (const stated of score.misconceptions) {
      const m = stated.misconception;
      const seed = seedFor(null, m.topicKeys);
      add(`You said ${asClause(m.claim)}. Is that right, and why?`, m.criterionId);
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
    if (!usedSeeds.has(probe)) add(probe.text, null);
  }
  return chosen;
}
