import { SCORE_MIN } from "~/grading/score-scale";
import {
  STAR_PARTS,
  weightedOverall,
  type CriterionGrade,
  type Grade,
  type GradeRequest,
  type Insights,
} from "~/grading/grade-schema";
import { scoreCriterion, type AnswerShape, type CriterionScore } from "./criterion-scores";
import { improvementsOf, rationaleFor, strengthsOf, type AnswerFacts } from "./feedback";
import { scanForInjection } from "./injection";
import { buildInsights } from "./insights";
import {
  assessKeyPoints,
  readsAsBareClaims,
  readSalad,
  termDroppingSentences,
  type SaladReading,
} from "./key-points";
import { claimOverlaps, overlaps } from "./semantic";
import { looksNonEnglish } from "./language";
import { UNIT_WORDS } from "./lexicon";
import {
  findMisconceptions,
  findNearClaims,
  statesFalsehoods,
  type StatedMisconception,
} from "./misconceptions";
import type { KeyedText } from "./phrase-match";
import { chooseProbes } from "./probes";
import { readAnalysed } from "./read-text";
import { assessRelevance, targetWords } from "./relevance";
import { compileRubric, type CompiledCriterion, type CompiledRubric } from "./rubric-index";
import { sentenceFeatures, type SentenceFeatures } from "./sentence-features";
import { analyseStar } from "./star";
import { readStoryGrounding, type StoryGrounding } from "./story-grounding";
import { analyseText, type AnalysedText } from "./text-analysis";

/**
 * The offline rubric grader: deterministic, synchronous, no network. It reads
 * the answer the way an interviewer listens: which rubric points are
 * explained rather than named, which wrong claims are made, how much is on
 * topic, whether a story has its STAR parts, ownership, a number and a lesson.
 * Text addressed to the grader is dropped before anything is scored.
 */
export function gradeOffline(request: GradeRequest): Grade {
  const rubric = compileRubric(request.question);
  const answer = request.answer;
  const injection = scanForInjection(answer);

  let tagged = analyseText(answer);
  if (injection.suspected)
    tagged = analyseText(blankInjectedSentences(answer, tagged, injection.ranges));
  // Typo correction and match keys: the same reading the rubric's phrasings were compiled with.
  const { analysed, keyed } = readAnalysed(tagged, rubric.lexicon, answer);
  const features = keyed.sentences.map(sentenceFeatures);
  const nonEnglish = looksNonEnglish(
    analysed,
    (word) => rubric.lexicon.correct(word) !== undefined,
  );
  // Scoring words it cannot read would mark the language, not the content: no score at all.
  if (nonEnglish) return notAssessed(injection.suspected);
  const criteria = criteriaToGrade(rubric, request, keyed);
  const targetSet = new Set(criteria.map((c) => c.criterion.id));

  const graded = (m: StatedMisconception) => targetSet.has(m.misconception.criterionId);
  const stated = findMisconceptions(rubric, keyed, features).filter(graded);
  const meaning = overlaps(rubric, keyed);
  // A claim said in other words counts only beside one stated in the rubric's words (see findNearClaims),
  // so the claims are measured only then.
  const near =
    stated.length > 0
      ? findNearClaims(
          rubric,
          keyed,
          features,
          claimOverlaps(rubric, keyed),
          meaning,
          stated,
        ).filter(graded)
      : [];
  const falseClaims = statesFalsehoods([...stated, ...near]);
  const misconceptions = falseClaims ? [...stated, ...near] : stated;
  const story = rubric.behavioural ? readStoryGrounding(keyed, features, rubric.vocabulary) : null;
  const chained = withClaimedStory(readSalad(rubric, keyed, features), story);
  const chains = chained.salad ? chained.chains : new Set<number>();
  const star = rubric.behavioural ? analyseStar(keyed, features) : null;
  const vocabulary =
    criteria.length === rubric.criteria.length
      ? rubric.vocabulary
      : unionOf(criteria.map((c) => c.vocabulary));
  const relevance = assessRelevance(rubric, keyed, features, vocabulary);
  const meaningTrust = Math.min(
    1,
    Math.max(0, (relevance.share - MEANING_TRUST_FROM) / (MEANING_TRUST_FULL - MEANING_TRUST_FROM)),
  );
  const keyPoints = assessKeyPoints(
    rubric,
    keyed,
    features,
    new Set(misconceptions.map((m) => m.sentence)),
    meaning,
    chains,
    meaningTrust,
  );
  const salad = chained.salad
    ? chained
    : falseClaims
      ? { ...chained, salad: true, falseClaims: true }
      : readsAsBareClaims(rubric, keyPoints, keyed, meaning)
        ? { ...chained, salad: true, bareClaims: true }
        : chained;

  const dropped = termDroppingSentences(keyPoints, features, (s) => keyed.sentences[s]?.words ?? 0);
  features.forEach((f, s) => f.listLike && dropped.add(s));
  // Chains of terms count against the answer like lists do: they say nothing about the points they name.
  for (const s of chains) dropped.add(s);
  const clauses = features.filter((f, s) => f.hasVerb && !dropped.has(s)).length;
  const target = targetWords(request.secondsAllowed, criteria.length);
  const listShare = features.length === 0 ? 0 : dropped.size / features.length;
  const shape: AnswerShape = {
    relevance: relevance.share,
    words: analysed.words,
    targetWords: target,
    listShare,
    salad: salad.salad,
    engagement:
      features.length === 0
        ? 0
        : relevance.share * Math.min(1, analysed.words / 80) * (clauses / features.length),
  };

  const scores: CriterionScore[] = criteria.map((criterion) => {
    const score = scoreCriterion(criterion, keyPoints, misconceptions, features, shape, star);
    return nonEnglish || analysed.words === 0
      ? { ...score, score: SCORE_MIN, raw: SCORE_MIN, evidence: null }
      : score;
  });

  const quote = (s: number) => keyed.sentences[s]?.text ?? "";
  const insights = buildInsights(analysed, keyPoints, request.secondsTaken);
  const facts = answerFacts(
    keyed,
    salad,
    features,
    keyPoints,
    shape,
    request,
    insights,
    injection.suspected,
    nonEnglish,
  );
  const criterionGrades: CriterionGrade[] = scores.map((score) => ({
    criterionId: score.criterion.criterion.id,
    score: score.score,
    evidence: score.evidence === null ? null : quote(score.evidence).slice(0, 1000) || null,
    rationale: rationaleFor(score, star, facts),
  }));

  return {
    overall: Math.max(
      SCORE_MIN,
      weightedOverall(
        scores.map((s) => ({ score: s.score, weight: s.criterion.criterion.weight })),
      ),
    ),
    criteria: criterionGrades,
    strengths: strengthsOf(scores, star, facts, quote),
    improvements: improvementsOf(scores, star, facts),
    star: rubric.behavioural
      ? star && !nonEnglish
        ? { present: star.present, missing: star.missing }
        : { present: [], missing: [...STAR_PARTS] }
      : null,
    probes: chooseProbes(
      rubric,
      scores,
      star,
      [...request.askedProbes, ...(request.probe ? [request.probe.question] : [])],
      quote,
    ),
    flags: { injectionSuspected: injection.suspected, nonEnglish },
    insights,
    scope: OFFLINE_SCOPE,
  };
}

/** A story that only claims (résumé verbs, bare percentages) reads as salad: its claims earn nothing. */
function withClaimedStory(salad: SaladReading, story: StoryGrounding | null): SaladReading {
  if (!story?.ungrounded) return salad;
  return {
    ...salad,
    salad: true,
    claimedStory: true,
    chains: new Set([...salad.chains, ...story.claims]),
  };
}

/** What every offline grade says about itself (grade.scope). */
export const OFFLINE_SCOPE =
  "Offline grader: checks which rubric points your sentences make (in any words), stated misconceptions, salad-like chains of terms, relevance, length and story structure; it does not verify your reasoning or facts the rubric does not list — an LLM or a person judges that.";

/** Meaning matches count in full on an answer this on-topic (relevance share), and not at all below the first. */
const MEANING_TRUST_FROM = 0.3;
const MEANING_TRUST_FULL = 0.7;

/** What the offline grader says of an answer it cannot read, in place of a score. */
export const NOT_ASSESSED_NOTE =
  "Not assessed by the offline grader: it reads English only. Configure an LLM to grade answers in other languages.";

function notAssessed(injectionSuspected: boolean): Grade {
  return {
    overall: null,
    criteria: [],
    strengths: [],
    improvements: [NOT_ASSESSED_NOTE],
    star: null,
    probes: [],
    flags: { injectionSuspected, nonEnglish: true },
    insights: null,
  };
}

/** Replaces every sentence that overlaps an injected range with spaces, keeping offsets and line breaks. */
function blankInjectedSentences(
  answer: string,
  analysed: AnalysedText,
  ranges: Array<[number, number]>,
): string {
  const chars = answer.slice(0, analysed.text.length).split("");
  const blank = (start: number, end: number) => {
    for (let i = start; i < end && i < chars.length; i++) if (chars[i] !== "\n") chars[i] = " ";
  };
  for (const [start, end] of ranges) {
    blank(start, end);
    for (const sentence of analysed.sentences) {
      if (sentence.start < end && sentence.end > start) blank(sentence.start, sentence.end);
    }
  }
  return chars.join("");
}

/** A follow-up answer is graded on the criterion its probe targets; otherwise the whole rubric. */
function criteriaToGrade(
  rubric: CompiledRubric,
  request: GradeRequest,
  keyed: KeyedText,
): CompiledCriterion[] {
  const probe = request.probe;
  if (!probe) return rubric.criteria;
  const targeted = rubric.criteria.find((c) => c.criterion.id === probe.criterionId);
  if (targeted) return [targeted];
  // A probe without a criterion: the criterion whose vocabulary the probe (and then the answer) shares most.
  const probeWords = new Set(probe.question.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  let best: CompiledCriterion | undefined;
  let bestOverlap = 0;
  for (const criterion of rubric.criteria) {
    let n = 0;
    for (const kp of criterion.keyPoints) {
      for (const matcher of kp.matchers)
        if (matcher.source.split(" ").every((w) => probeWords.has(w.toLowerCase()))) n++;
    }
    if (n === 0)
      for (const sentence of keyed.sentences)
        for (const unit of sentence.units) if (criterion.vocabulary.has(unit.key)) n += 0.01;
    if (n > bestOverlap) {
      best = criterion;
      bestOverlap = n;
    }
  }
  return best ? [best] : rubric.criteria;
}

function unionOf(sets: Set<string>[]): Set<string> {
  const out = new Set<string>();
  for (const set of sets) for (const key of set) out.add(key);
  return out;
}

/**
 * A sentence that weighs a trade-off: names one outright, or sets a gain
 * against a cost ("faster reads, but every write pays for it"). "But" or
 * "better" alone is a contrast, not a trade-off.
 */
const TRADE_OFF =
  /\b(trade-?offs?|trade offs?|downsides?|drawbacks?|at the (cost|expense) of|the catch|on the other hand|in exchange|the price (is|of))\b|\b(faster|slower|cheaper|simpler|safer|easier|harder|more|less|fewer)\b[^.]{0,80}\b(but|whereas|while|at the cost|in return)\b|\b(but|whereas|while)\b[^.]{0,80}\b(faster|slower|costs?|cheaper|simpler|harder|more|less|fewer|lose|loses)\b/i;

function answerFacts(
  keyed: KeyedText,
  salad: SaladReading,
  features: SentenceFeatures[],
  keyPoints: ReturnType<typeof assessKeyPoints>,
  shape: AnswerShape,
  request: GradeRequest,
  insights: Insights,
  injection: boolean,
  nonEnglish: boolean,
): AnswerFacts {
  const metricsQuoted: string[] = [];
  const questionWords = new Set(
    `${request.question.title} ${request.question.prompt}`.toLowerCase().split(/[^\p{L}\p{N}]+/u),
  );
  const toolsNamed = new Set<string>();
  let tradeOffSentence: string | null = null;
  keyed.sentences.forEach((sentence, s) => {
    const f = features[s];
    if (!f || f.listLike) return;
    sentence.tokens.forEach((token, t) => {
      const next = sentence.tokens[t + 1];
      if (
        token.kind === "number" &&
        next &&
        UNIT_WORDS.has(next.norm) &&
        metricsQuoted.length < 6
      ) {
        metricsQuoted.push(`${token.text}${next.text === "%" ? "" : " "}${next.text}`);
      }
      // A named tool: capitalised mid-sentence and unknown to everyday English (Redis, PgBouncer, k6), not from the question itself.
      // Not a piece of a slashed pair ("I/O", "TCP/IP" read as "O", "IP"), not a single letter.
      const slashed = sentence.tokens[t - 1]?.text === "/" || next?.text === "/";
      const named =
        t > 0 &&
        token.kind === "word" &&
        token.text.length > 1 &&
        !slashed &&
        /[A-Z]/.test(token.text) &&
        token.text !== "I" &&
        (token.oov || /\d|[a-z][A-Z]/.test(token.text));
      if (named && !questionWords.has(token.norm)) toolsNamed.add(token.text);
    });
    if (
      tradeOffSentence === null &&
      f.tradeOff &&
      TRADE_OFF.test(sentence.text) &&
      !salad.chains.has(s) &&
      keyPoints.some((kp) => kp.mentions.includes(s))
    ) {
      tradeOffSentence = sentence.text;
    }
  });
  const listedTerms = keyPoints
    .filter((kp) => kp.coverage === "listed")
    .flatMap((kp) => kp.terms.slice(0, 1));
  return {
    words: shape.words,
    targetWords: shape.targetWords,
    minutes: Math.max(1, Math.round(request.secondsAllowed / 60)),
    relevance: shape.relevance,
    listedTerms,
    metricsQuoted,
    toolsNamed: [...toolsNamed],
    tradeOffSentence,
    fillerCount: insights.fillerWords.reduce((n, f) => n + f.count, 0),
    fillers: insights.fillerWords.map((f) => f.word),
    injection,
    nonEnglish,
    behavioural: request.question.kind === "behavioural",
    salad: salad.claimedStory
      ? "claimed-story"
      : salad.falseClaims
        ? "false-claims"
        : salad.bareClaims
          ? "bare-claims"
          : salad.salad
            ? "terms"
            : null,
  };
}
