import { ownActionCap, type CriterionScore } from "./criterion-scores";
import type { Coverage, KeyPointResult } from "./key-points";
import type { StarAnalysis } from "./star";

/**
 * The words of the grade: a rationale per criterion, strengths and
 * improvements, each naming what the answer actually did or missed.
 */

export interface AnswerFacts {
  words: number;
  targetWords: number;
  minutes: number;
  relevance: number;
  listedTerms: string[];
  metricsQuoted: string[];
  toolsNamed: string[];
  tradeOffSentence: string | null;
  fillerCount: number;
  fillers: string[];
  injection: boolean;
  nonEnglish: boolean;
  behavioural: boolean;
  /** How the answer reads as salad: terms chained by "because"/"so" (readSalad), a story told as claims, or short claims that name points and say something else (readsAsBareClaims). */
  salad: "terms" | "claimed-story" | "bare-claims" | "false-claims" | null;
}

export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

function joinLabels(labels: string[]): string {
  if (labels.length <= 1) return labels[0] ?? "";
  return `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
}

function labelsWith(kps: KeyPointResult[], coverages: Coverage[]): string[] {
  return kps.filter((kp) => coverages.includes(kp.coverage)).map((kp) => kp.keyPoint.label);
}

const SIGNAL_WORDS: Record<string, string> = {
  situation: "the situation and stakes",
  task: "your own responsibility",
  action: "what you personally did",
  result: "a measurable result",
  lesson: "a lesson learned",
};

/** Meaning similarity at which a missed point counts as hinted at (key-points.ts MEANING_MATCH credits it). */
const HINTED = 0.28;

export function rationaleFor(
  score: CriterionScore,
  star: StarAnalysis | null,
  facts: AnswerFacts,
): string {
  if (facts.nonEnglish)
    return "The answer does not appear to be in English, so it could not be assessed on this criterion.";
  const parts: string[] = [];
  const explained = labelsWith(score.keyPoints, ["explained"]);
  const stated = labelsWith(score.keyPoints, ["stated", "named"]);
  const listed = labelsWith(score.keyPoints, ["listed"]);
  // A point some sentence comes near in meaning was hinted at, not left out: never "did not cover" it.
  const missedKps = score.keyPoints.filter((kp) => kp.coverage === "missed");
  const missed = missedKps.filter((kp) => kp.nearest < HINTED).map((kp) => kp.keyPoint.label);
  const hinted = missedKps.filter((kp) => kp.nearest >= HINTED).map((kp) => kp.keyPoint.label);
  const full = score.score >= 5;
  if (explained.length > 0)
    parts.push(`${facts.behavioural ? "Covered" : "Explained"} ${joinLabels(explained)}.`);
  if (stated.length > 0) {
    parts.push(
      facts.behavioural
        ? `Touched on ${joinLabels(stated)} only briefly, without specifics.`
        : `Mentioned ${joinLabels(stated)} without saying what it means or why it matters.`,
    );
  }
  // At 5/5 nothing is missing: the note says what earned it, not what a longer answer could add.
  if (listed.length > 0 && !full) parts.push(`Only listed ${joinLabels(listed)} as terms.`);
  if (hinted.length > 0 && !full)
    parts.push(`Came close to ${joinLabels(hinted)} without saying it outright.`);
  if (missed.length > 0 && !full) parts.push(`Did not cover ${joinLabels(missed)}.`);
  for (const m of score.misconceptions)
    parts.push(`Stated a misconception: "${m.misconception.claim}" ${m.misconception.correction}`);
  if (star && score.signal !== null) {
    const strong = score.criterion.signals
      .filter((s) => star.signals[s] >= 0.7)
      .map((s) => SIGNAL_WORDS[s] ?? s);
    const weak = score.criterion.signals
      .filter((s) => star.signals[s] < 0.5)
      .map((s) => SIGNAL_WORDS[s] ?? s);
    if (strong.length > 0) parts.push(`The story shows ${joinLabels(strong)}.`);
    if (weak.length > 0) parts.push(`The story lacks ${joinLabels(weak)}.`);
  }
  // The cap and its reason come from one place (criterion-scores.ts), so the number said is the one applied.
  const ownCap = ownActionCap(star);
  if (ownCap !== null)
    parts.push(
      star?.iActions === 0
        ? `Nothing in the story is something you did yourself, so it cannot score above ${ownCap}.`
        : `The story tells one thing you did yourself, so it cannot score above ${ownCap}.`,
    );
  if (facts.relevance < 0.5) parts.push("Much of the answer was not about the question.");
  if (facts.words < facts.targetWords * 0.4)
    parts.push(`Too short (${facts.words} words) to show depth.`);
  if (parts.length === 0)
    parts.push(`Nothing in the answer addressed ${score.criterion.criterion.name.toLowerCase()}.`);
  return clip(`${score.criterion.criterion.name} (${score.score}/5): ${parts.join(" ")}`, 1000);
}

export function strengthsOf(
  scores: CriterionScore[],
  star: StarAnalysis | null,
  facts: AnswerFacts,
  quote: (s: number) => string,
): string[] {
  if (facts.nonEnglish) return [];
  const out: string[] = [];
  for (const score of [...scores].sort((a, b) => b.raw - a.raw)) {
    if (score.score < 4 || out.length >= 3) continue;
    const explained = labelsWith(score.keyPoints, ["explained"]);
    const evidence = score.evidence === null ? "" : ` — "${clip(quote(score.evidence), 160)}"`;
    if (explained.length > 0)
      out.push(
        `${score.criterion.criterion.name}: ${facts.behavioural ? "covered" : "explained"} ${joinLabels(explained)}${evidence}`,
      );
    else if (score.signal !== null && score.evidence !== null)
      out.push(`${score.criterion.criterion.name}: a clear account${evidence}`);
  }
  // A salad's numbers and "I"s are what made it one: they are not strengths.
  if (facts.salad !== null) return out.slice(0, 3).map((s) => clip(s, 500));
  if (facts.metricsQuoted.length >= 2)
    out.push(`Backed the answer with numbers (${facts.metricsQuoted.slice(0, 4).join(", ")}).`);
  if (facts.toolsNamed.length >= 2 && facts.relevance >= 0.5)
    out.push(`Named the concrete tools involved (${facts.toolsNamed.slice(0, 5).join(", ")}).`);
  if (facts.tradeOffSentence)
    out.push(`Weighed a trade-off: "${clip(facts.tradeOffSentence, 200)}"`);
  if (star && star.iActions >= 3 && star.ownership >= 0.6)
    out.push(`Clear ownership: ${star.iActions} things you say you did yourself, not just "we".`);
  if (star && star.hasLesson && star.sentences.lesson !== undefined)
    out.push(`Closed with a lesson: "${clip(quote(star.sentences.lesson), 200)}"`);
  return out.slice(0, 6).map((s) => clip(s, 500));
}

export function improvementsOf(
  scores: CriterionScore[],
  star: StarAnalysis | null,
  facts: AnswerFacts,
): string[] {
  if (facts.nonEnglish) {
    return [
      "Answer in English: the offline grader can only assess English answers, so this one scored the minimum.",
    ];
  }
  const out: string[] = [];
  if (facts.injection)
    out.push(
      "Talk to the interviewer, not the grader: sentences asking for a score or addressing the grader were ignored.",
    );
  if (facts.salad === "claimed-story") {
    out.push(
      'Tell what happened rather than what you achieved: the system and what went wrong or was needed, what you did step by step, what people said, and what changed, measured ("from 2 s to 300 ms"), not only percentages, titles and views.',
    );
  } else if (facts.salad === "false-claims") {
    out.push(
      "Several claims in the answer are wrong (the corrections follow): an interviewer who hears core facts stated wrongly stops crediting the rest. Check each claim you make, and say only what you can explain.",
    );
  } else if (facts.salad === "bare-claims") {
    out.push(
      "Most sentences are short claims that name the topic's terms without saying what they mean or why: take one point at a time and explain how it works and what it costs, in your own words, with an example.",
    );
  } else if (facts.salad === "terms") {
    out.push(
      'Several sentences string the topic\'s terms together with "because" and "so" without saying anything that holds: take one point at a time and say what it means and why, in your own words, with an example.',
    );
  }
  // The cap criterion-scores.ts puts on a story the candidate only watched comes first: nothing else lifts it.
  if (star && star.iActions === 0)
    out.push(
      'Say what you did yourself: the story tells what the team and others did, and an interviewer hiring you scores that about 2 however well it went. Tell your own steps ("I rolled back…", "I wrote…").',
    );
  else if (star && star.iActions === 1)
    out.push(
      'Tell more of what you did yourself: the story gives one step of yours and the rest is what others did or failed to do. Walk through your own steps in order ("First I…, then I…"), and what you did about the people who held things up.',
    );
  for (const score of scores) {
    for (const m of score.misconceptions)
      out.push(`Correct this: "${m.misconception.claim}" ${m.misconception.correction}`);
  }
  if (facts.words < facts.targetWords * 0.4) {
    out.push(
      `At ${facts.words} words the answer is thin for ${facts.minutes} minute${facts.minutes === 1 ? "" : "s"}; aim for about ${facts.targetWords} words with a concrete example.`,
    );
  } else if (facts.words > facts.targetWords * 2.5) {
    out.push(
      `At ${facts.words} words the answer is long for ${facts.minutes} minutes; lead with the key points and cut the rest.`,
    );
  }
  if (facts.relevance < 0.6 && facts.words >= 12) {
    out.push(
      `About ${Math.round((1 - facts.relevance) * 100)}% of the answer was not about the question; cut the background and general opinions and spend the time on the question itself.`,
    );
  }
  if (facts.listedTerms.length >= 3) {
    out.push(
      `You listed terms (${facts.listedTerms.slice(0, 5).join(", ")}) without explaining them; pick the ones that matter and say what each means and why.`,
    );
  }
  if (star) {
    if (star.missing.length > 0)
      out.push(
        `Complete the STAR structure: the story is missing the ${joinLabels(star.missing)}.`,
      );
    if (star.iActions > 0 && star.weActions > 0 && star.ownership < 0.5)
      out.push(
        `Say what you did: ${star.weActions} actions were "we" and ${star.iActions} were "I"; interviewers are assessing you, not the team.`,
      );
    if (star.metrics === 0)
      out.push(
        "Quantify the result: a number (minutes of downtime, % faster, errors avoided) makes the outcome credible.",
      );
    if (!star.hasLesson) out.push("End with what you learned and what you do differently since.");
  }
  const weakestFirst = [...scores].sort((a, b) => a.raw - b.raw);
  for (const score of weakestFirst) {
    if (score.score >= 4) break;
    const gap = score.keyPoints
      .filter((kp) => kp.coverage === "missed" || kp.coverage === "listed")
      .sort((a, b) => a.credit - b.credit || a.nearest - b.nearest)[0];
    if (gap) {
      const lead =
        gap.coverage === "missed" && gap.nearest >= HINTED
          ? "you came close to this; say it outright, with why it matters"
          : facts.behavioural
            ? "add this to the story"
            : "cover this point, with why it matters";
      out.push(`${score.criterion.criterion.name}: ${lead}: ${gap.keyPoint.point}`);
    }
    const named = score.keyPoints.filter(
      (kp) => kp.coverage === "stated" || kp.coverage === "named",
    );
    if (named.length > 0) {
      const labels = joinLabels(named.map((kp) => kp.keyPoint.label));
      out.push(
        facts.behavioural
          ? `${score.criterion.criterion.name}: you touched on ${labels}; give the specifics (what you did, when, with what effect).`
          : `${score.criterion.criterion.name}: you named ${labels}; explain what it means and why it matters, with an example.`,
      );
    }
  }
  if (facts.fillerCount >= 3)
    out.push(
      `Cut filler words (${facts.fillers.slice(0, 4).join(", ")}): they read as hesitation.`,
    );
  // Anything below 5 can improve: say how for the weakest criterion rather than leave the list empty.
  const weakest = weakestFirst[0];
  if (out.length === 0 && weakest && weakest.score < 5) {
    const partial = weakest.keyPoints
      .filter((kp) => kp.coverage !== "explained")
      .sort((a, b) => a.credit - b.credit)[0];
    out.push(
      partial
        ? `${weakest.criterion.criterion.name} (${weakest.score}/5): go one step deeper on ${partial.keyPoint.label}: say why it matters and give a concrete example or a number.`
        : `${weakest.criterion.criterion.name} (${weakest.score}/5): add depth: a concrete example, a number you measured, or the trade-off you weighed.`,
    );
  }
  return [...new Set(out)].slice(0, 6).map((s) => clip(s, 500));
}
