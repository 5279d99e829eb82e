import {
  CODE_NAMES,
  GROUNDED_NUMBERS,
  NARRATIVE_TIME_MARKERS,
  PERCENT_CHANGES,
  PERCENT_CLAIMS,
  PERCENT_SHARES,
  PUFFERY_VERBS,
  SPEECH_MARKERS,
  STANCE_MARKERS,
} from "./lexicon";
import type { KeyedText } from "./phrase-match";
import type { SentenceFeatures } from "./sentence-features";

/**
 * Whether a behavioural answer tells a story or only claims one. A told story
 * moves in time ("then", "by the time"), has people in it saying things, and
 * measures particular things ("p95 went from 2 s to 300 ms", "38 tickets");
 * a claimed one is résumé verbs ("I drove", "I spearheaded") and bare
 * percentages ("reduced MTTR by 73%") with none of that. Interviewers score
 * the second 1 whatever its STAR labels, so it is read like buzzword salad.
 * So is an answer made of views and habits ("I always...", "my philosophy
 * is...") in place of anything that happened.
 */
export interface StoryGrounding {
  /** Per sentence: time markers and speech. */
  narrative: number;
  /** Per sentence: measurements of particular things and code-like names. */
  grounding: number;
  /** Percent claims per 100 words (halved) plus résumé verbs per sentence. */
  puffery: number;
  /** Sentences holding a percent claim or a résumé verb: they claim, they do not tell. */
  claims: Set<number>;
  /** Share of sentences that state a view or a habit rather than an event. */
  stance: number;
  /** Share of the content words that are the rubric's own (see RUBRIC_TALK). */
  rubricShare: number;
  /** Claims outweigh the story told, or views stand in for it. */
  ungrounded: boolean;
}

/**
 * Measured on the dev sets' stories (grader-pairs-dev, -dev2, the calibration
 * sets): every claimed story came out at -0.5 or below, every story an
 * interviewer scores 3 or more at 0 or above.
 */
const UNGROUNDED_BELOW = -0.25;
/**
 * An answer with no views or habits in it at all ("I always", "I believe") tells only what happened; its
 * numbers get more benefit of the doubt. Measured on the behavioural answers of dev sets 1-12 and the
 * calibration sets (370): stories referenced 4-5 dense in shares and before-and-afters came to -0.35 to
 * -0.45 (read as claimed stories at -0.25); claimed stories with no views, -0.58 and below but one (-0.27).
 */
const UNGROUNDED_BELOW_NO_VIEWS = -0.5;
/** Without this much puffery an answer is thin or off-topic, which other rules score. */
const MIN_PUFFERY = 0.5;
/** Stories scored 3 or more ran to 0.25 of views at most; answers of views with no story, 0.63 and up. */
const STANCE_SHARE = 0.5;
/**
 * A told story is about its own things: its service, its people, what broke and when. One whose content
 * words are mostly the rubric's ("stakeholders", "critical path", "scope", "lesson") talks about the
 * question instead. Measured on the behavioural answers of dev sets 1-9 and the calibration sets (260):
 * stories referenced 3 or more drew at most 0.67 of their content words from the rubric's vocabulary
 * (those referenced 4-5, 0.59); answers referenced 1 up to 0.94, 18 of 92 at 0.70 or more.
 */
const RUBRIC_TALK = 0.7;

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

export function readStoryGrounding(
  keyed: KeyedText,
  features: SentenceFeatures[],
  /** The rubric's vocabulary (rubric-index.ts): the words of the question and its criteria. */
  vocabulary: ReadonlySet<string>,
): StoryGrounding {
  let narrative = 0;
  let grounding = 0;
  let percents = 0;
  let verbs = 0;
  let words = 0;
  let stances = 0;
  const claims = new Set<number>();
  let content = 0;
  let rubricWords = 0;
  keyed.sentences.forEach((sentence, s) => {
    for (const unit of sentence.units) {
      const token = sentence.tokens[unit.token];
      if (token?.kind !== "word" || token.stop) continue;
      content++;
      if (vocabulary.has(unit.key)) rubricWords++;
    }
    const text = sentence.text;
    narrative += count(text, NARRATIVE_TIME_MARKERS) + count(text, SPEECH_MARKERS);
    grounding += count(text, GROUNDED_NUMBERS) + count(text, CODE_NAMES);
    // A share or a before-and-after counts half as much as a bare "by 73%" (each change is two matches).
    const p =
      count(text, PERCENT_CLAIMS) -
      (count(text, PERCENT_SHARES) + count(text, PERCENT_CHANGES)) / 2;
    const v = count(text, PUFFERY_VERBS);
    percents += p;
    verbs += v;
    words += sentence.words;
    const view = Boolean(features[s]?.opinion) || STANCE_MARKERS.test(text);
    if (view) stances++;
    if (p + v > 0 || view) claims.add(s);
  });
  const sentences = Math.max(1, keyed.sentences.length);
  const n = narrative / sentences;
  const g = grounding / sentences;
  const puffery = (words === 0 ? 0 : (percents / words) * 50) + verbs / sentences;
  const stance = stances / sentences;
  const bar = stances === 0 ? UNGROUNDED_BELOW_NO_VIEWS : UNGROUNDED_BELOW;
  const claimed = puffery >= MIN_PUFFERY && n + g - puffery < bar;
  const rubricShare = content === 0 ? 0 : rubricWords / content;
  return {
    narrative: n,
    grounding: g,
    puffery,
    stance,
    rubricShare,
    claims,
    ungrounded: claimed || stance >= STANCE_SHARE || rubricShare >= RUBRIC_TALK,
  };
}
