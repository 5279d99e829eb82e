/**
 * The grader's own word lists. Every entry is matched through the same
 * stemming and typo correction as rubric phrasings, so "becuase" still
 * explains and "learnt" still counts as a lesson.
 */

/** Words and phrases that turn a mention into an explanation: a reason, a consequence, a contrast, a condition. */
export const EXPLANATION_MARKERS = [
  "because", "since", "so", "so that", "which", "which means", "means", "meaning", "that means",
  "lets", "let", "allows", "allow", "enables", "enable", "so you can", "in order to",
  "when", "whenever", "if", "unless", "otherwise", "instead", "instead of", "rather than",
  "whereas", "while", "but", "although", "though", "trade-off", "tradeoff", "trade off",
  "downside", "cost", "costs", "at the expense", "avoid", "avoids", "prevent", "prevents",
  "ensure", "ensures", "guarantee", "guarantees", "therefore", "thus", "hence", "why",
  "for example", "for instance", "e.g", "such as", "say", "versus", "vs", "compared", "than",
  "without", "until", "by", "thanks to", "due to", "as a result", "the result", "which is why",
];

/** Contrast and cost words that mark a concrete trade-off. */
export const TRADE_OFF_MARKERS = [
  "trade-off", "tradeoff", "trade off", "downside", "cost", "at the expense", "but", "whereas",
  "instead of", "rather than", "the catch", "drawback", "on the other hand", "versus", "vs", "worse", "better",
];

/** Sentences built on these frames report a wrong claim instead of making it. */
export const REPORTING_FRAMES = [
  "myth", "misconception", "common mistake", "people think", "people assume", "people believe",
  "contrary to", "is not true", "isn't true", "not the case", "is wrong", "is false", "a mistake to",
  "it is a mistake", "wrongly", "mistakenly", "incorrectly", "used to think", "used to believe",
];

/** Spoken fillers shown in the insights; multi-word ones are matched as phrases. */
export const FILLERS = [
  "um", "umm", "uh", "uhh", "er", "erm", "hmm", "basically", "actually", "literally", "honestly",
  "you know", "sort of", "kind of", "i mean", "i guess", "so yeah", "stuff like that", "and stuff", "whatever",
];

/** Words that carry no topic: kept out of relevance, top words and term lists. */
export const GENERIC_WORDS = new Set([
  "explain", "describe", "tell", "time", "example", "answer", "question", "candidate", "interviewer",
  "use", "using", "used", "make", "made", "way", "thing", "things", "good", "well", "also", "really",
  "like", "just", "know", "think", "say", "said", "mention", "need", "want", "lot", "lots", "much",
  "many", "one", "two", "first", "second", "would", "could", "should", "may", "might", "must",
  "able", "get", "got", "let", "yes", "yeah", "okay", "ok", "right", "sure", "kind", "sort",
  "something", "someone", "everything", "anything", "basically", "actually", "important", "point",
  "mean", "means", "see", "look", "take", "go", "come", "give", "new", "different", "same",
  "talk", "walk", "through", "about", "when", "what", "which", "how", "why", "where", "what",
  "strong", "weak", "clear", "clearly", "specific", "concrete", "names", "name", "says", "say",
]);

/** Verbs of opinion: "I think" is not an action. */
export const OPINION_VERBS = new Set([
  "think", "believe", "feel", "guess", "love", "like", "prefer", "hope", "suppose", "agree", "know",
  "mean", "would", "'d", "am", "'m", "have", "'ve", "want", "try", "tend", "always", "usually",
]);

/** Irregular past-tense verbs (regular ones end in -ed). */
export const IRREGULAR_PAST = new Set([
  "was", "were", "had", "did", "went", "took", "found", "made", "saw", "got", "told", "wrote",
  "ran", "began", "came", "knew", "led", "built", "broke", "put", "set", "sent", "spent",
  "thought", "brought", "chose", "gave", "kept", "left", "lost", "met", "paid", "said", "sold",
  "stood", "taught", "understood", "won", "drove", "grew", "rose", "fell", "cut", "read",
  "shut", "split", "held", "hit", "let", "felt", "became", "fought", "caught", "dug", "drew",
  "forgot", "froze", "hid", "meant", "rewrote", "sat", "shot", "spoke", "stuck", "swore", "threw",
  "woke", "wound", "withdrew", "overrode", "undertook", "oversaw", "upheld",
]);

/** STAR markers, as phrases. Past-tense narrative and first-person actions are found from parts of speech. */
export const SITUATION_MARKERS = [
  "company", "team", "job", "role", "project", "service", "system", "startup", "client", "customer",
  "product", "platform", "last year", "years ago", "months ago", "ago", "previous", "at the time",
  "back then", "during", "on call", "on-call", "once", "when i was", "we were", "we had", "our",
  "my last", "my current", "my previous", "in 2019", "in 2020", "in 2021", "in 2022", "in 2023", "in 2024",
];

export const TASK_MARKERS = [
  "my job", "my role", "my task", "my responsibility", "responsible", "tasked", "asked to", "asked me",
  "my goal", "the goal", "goal was", "target", "i owned", "owner", "i was the", "i had to", "i needed to",
  "i took it on", "i took on", "assigned", "in charge", "lead", "my part", "deadline", "needed to",
  "had to", "objective", "my priority", "i was on call", "i was on-call", "i volunteered",
];

export const RESULT_MARKERS = [
  "result", "as a result", "in the end", "outcome", "ended up", "dropped", "reduced", "cut", "improved",
  "went from", "down from", "up from", "down to", "back to", "recovered", "shipped", "saved", "fell",
  "rose", "increased", "decreased", "faster", "fewer", "no longer", "impact", "led to", "resolved",
  "restored", "stopped", "launched", "delivered", "on time", "halved", "doubled", "eliminated",
  "brought", "lowered", "raised", "succeeded", "worked", "finally", "afterwards", "after that",
];

export const LESSON_MARKERS = [
  "learned", "learnt", "lesson", "taught me", "takeaway", "take away", "next time", "since then",
  "now i", "these days", "in hindsight", "looking back", "would do differently", "do differently",
  "i keep", "i took from", "what i took", "realised", "realized", "changed how i", "i now", "going forward",
  "from then on", "ever since", "reminded me", "i would", "i'd", "should have",
];

/** Words that follow a number to make it a measurement. */
export const UNIT_WORDS = new Set([
  "%", "percent", "ms", "millisecond", "milliseconds", "s", "sec", "secs", "second", "seconds", "minute", "minutes", "min",
  "mins", "hour", "hours", "hrs", "day", "days", "week", "weeks", "month", "months", "x", "times", "gb", "mb", "kb", "tb",
  "k", "m", "rps", "qps", "rpm", "req", "requests", "users", "customers", "orders", "rows", "queries", "errors",
  "bytes", "connections", "instances", "servers", "nodes", "pods", "engineers", "people", "million", "billion",
  "thousand", "dollars", "usd", "$", "€", "£", "cores", "cpu", "checkouts", "points", "p95", "p99",
]);

/** Frames that make a sentence an opinion rather than part of the story or the explanation. */
export const OPINION_PHRASES = [
  "in my opinion", "in my view", "i think", "i believe", "i feel", "i really think", "i really believe",
  "i'm a big believer", "i am a big believer", "personally", "i love", "i'd say", "i would say",
];

/**
 * Everyday words of backend answers and stories, so a slip in them ("mesaure",
 * "implmented") is corrected like a rubric word and tagged as the word it was.
 */
export const COMMON_WORDS = [
  "measure", "measured", "implement", "implemented", "investigate", "investigated", "analyse", "analysed", "analyze",
  "analyzed", "discover", "discovered", "notice", "noticed", "propose", "proposed", "suggest", "suggested", "decide",
  "decided", "convince", "convinced", "explain", "explained", "improve", "improved", "reduce", "reduced", "increase",
  "increased", "replace", "replaced", "remove", "removed", "create", "created", "update", "updated", "design", "designed",
  "build", "built", "write", "wrote", "written", "configure", "configured", "monitor", "monitored", "debug", "debugged",
  "trace", "traced", "restart", "restarted", "release", "released", "deploy", "deployed", "migrate", "migrated", "rewrite",
  "rewrote", "refactor", "refactored", "optimise", "optimised", "optimize", "optimized", "profile", "profiled", "contain",
  "contains", "contained", "require", "requires", "required", "return", "returns", "returned", "happen", "happened",
  "happens", "something", "everything", "nothing", "anything", "because", "therefore", "although", "however", "instead",
  "without", "through", "between", "before", "after", "during", "another", "different", "important", "database", "server",
  "service", "services", "request", "requests", "response", "responses", "latency", "throughput", "performance",
  "application", "customer", "customers", "problem", "problems", "solution", "feature", "features", "deadline", "meeting",
  "teammate", "colleague", "manager", "engineer", "engineers", "project", "company", "production", "incident", "outage",
  "error", "errors", "query", "queries", "table", "tables", "column", "columns", "index", "indexes", "system", "systems",
  "traffic", "memory", "storage", "network", "client", "clients", "users", "approach", "decision", "discussion",
  "agreement", "disagreed", "discussed", "listened", "understood", "realised", "realized", "learned", "learnt", "lesson",
  "result", "results", "faster", "slower", "better", "worse", "minutes", "seconds", "hours", "percent", "million",
  "thousand", "actually", "basically", "really", "probably", "usually", "always", "never", "everyone", "together",
];

/** Every grader list, so their words join each question's typo-correction vocabulary. */
export const GRADER_PHRASE_LISTS: ReadonlyArray<readonly string[]> = [
  EXPLANATION_MARKERS,
  TRADE_OFF_MARKERS,
  REPORTING_FRAMES,
  FILLERS,
  SITUATION_MARKERS,
  TASK_MARKERS,
  RESULT_MARKERS,
  LESSON_MARKERS,
  OPINION_PHRASES,
  [...OPINION_VERBS],
  [...IRREGULAR_PAST],
  [...UNIT_WORDS],
  COMMON_WORDS,
];

/** Words that move a story along in time: a told story has them, a list of claims does not. */
export const NARRATIVE_TIME_MARKERS =
  /\b(then|after that|afterwards|when|once|by the time|next|later|until|while|the following|that (morning|afternoon|evening|night|day|week)|the next (day|morning|week)|first|eventually|meanwhile|within (an|a|\d+)|at \d|on (monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/gi;
/** Someone speaking in the story: what people said is how real stories are told. */
export const SPEECH_MARKERS = /\b(said|asked|told|wrote|replied|explained|agreed|suggested|pinged|called|messaged)\b|"|“/gi;
/** Measurements of a particular thing (a duration, a count of something), as opposed to a bare percentage. */
export const GROUNDED_NUMBERS =
  /\b\d[\d,.]*\s?(ms|milliseconds?|s|seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|gb|mb|kb|tb|rps|qps|requests?|users?|customers?|rows?|messages?|tickets?|engineers?|people|services?|servers?|nodes?|pods?|lines?|tests?|pages?|am|pm|a\.m\.|p\.m\.|jobs?|queries|calls|errors?|orders?|accounts?|files?)\b|\bfrom \S+ to \S+/gi;
/** Code-like names (orderId, order_id, /orders): a real system's parts. */
export const CODE_NAMES = /\b[a-z]+[A-Z]\w*|\w+_\w+|\/\w+/g;
/** Improvement claims as numbers: "by 73%", "3x", "40%". */
export const PERCENT_CLAIMS = /\bby \d+(\.\d+)?\s?(%|x\b|percent)|\d+(\.\d+)?x\b|\d+(\.\d+)?\s?%/gi;
/** Résumé verbs that claim leadership without saying what was done. */
export const PUFFERY_VERBS =
  /\b(drove|spearheaded|led|owned|championed|leveraged|established|facilitated|orchestrated|aligned|empowered|unlocked|delivered|ensured|fostered|streamlined|accelerated)\b/gi;
/** Views and habits ("I always", "my philosophy", "I believe"): how someone talks who has no story to tell. */
export const STANCE_MARKERS =
  /\b(always|never|every (single )?time|these days|whenever|i try to|my philosophy|i'm a (big|strong|firm) believer|i am a (big|strong|firm) believer|i believe|i think|i've learned|i have learned|i've realised|i've realized|in general|generally|typically|usually)\b/i;
