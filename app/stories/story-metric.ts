/**
 * The number that proves a story's result, found in its own words: a before
 * and after ("from 0.2% to 18%", "900 ms → 120 ms"), a relative change
 * ("down 40%", "by 60%", "3x faster"), or, in the result only, a level an
 * outcome reached ("fell under 0.5%", "recovered to 99.9%"). The metric is the
 * phrase with its subject ("checkout errors dropped from 12% to 0.2% within 20
 * minutes"), so it reads on its own in the story's Metric field.
 */

const UNIT = String.raw`(?:%|\s?percent\b|\s?(?:ms|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?|years?|GB|MB|TB|rps|qps|pp|points?)\b|[kKM]\b|\s?(?:x|×)(?=\s|$|[.,;]))`;
const NUM = String.raw`(?:[$€£]\s?)?\d+(?:[.,]\d+)*`;
const RATE = String.raw`(?:\s(?:a|an|per)\s(?:second|minute|hour|day|week|month|year|sprint|release|deploy)\b|\/(?:s|sec|min|h|day|week|month)\b)?`;
const QTY = `${NUM}${UNIT}?${RATE}`;
/** A number with a unit, so "went to 3 meetings" is no metric. */
const MEASURE = `${NUM}${UNIT}${RATE}`;
const TAIL = String.raw`(?:\s+(?:within|in|over|after)\s+(?:\d+|a|an|one|two|three|four|five|six|ten|twelve)\s+(?:ms|seconds?|minutes?|mins?|hours?|days?|weeks?|months?|quarters?|sprints?|years?)\b)?`;

const BEFORE_AFTER = [
  new RegExp(String.raw`\bfrom\s+(${QTY})\s+(?:down\s+|up\s+)?to\s+(${QTY})${TAIL}`, "i"),
  new RegExp(String.raw`(${QTY})\s*(?:→|->|=>|⟶)\s*(${QTY})${TAIL}`, "i"),
];
const RELATIVE = [
  new RegExp(String.raw`\b(?:down|up|by)\s+${NUM}\s?(?:%|percent\b|x\b|×)${TAIL}`, "i"),
  new RegExp(
    String.raw`\b${NUM}\s?(?:%|percent\b|x\b|×)\s+(?:fewer|less|more|faster|slower|lower|higher|cheaper|smaller|reduction|drop|increase|improvement|decrease|gain|uplift)\b${TAIL}`,
    "i",
  ),
];
const REACHED = new RegExp(
  String.raw`\b(?:fell|dropped|rose|grew|recovered|reached|hit|stayed|climbed|went|settled|stabili[sz]ed)\s+(?:back\s+)?(?:to|under|below|above|over|at|around)?\s*${MEASURE}${TAIL}`,
  "i",
);

/** "From 2019 to 2021": years are dates, not a measure. */
const YEAR = /^(?:19|20)\d\d$/;

/** Where the subject of a metric starts: a clause boundary before it. */
const CLAUSE = /(?:[.!?;:,]\s|\s(?:and|but|so|which|while|because|when)\s)/gi;
/** Words that open a clause without naming what changed. */
const OPENERS = new Set([
  "i",
  "we",
  "that",
  "this",
  "it",
  "the",
  "our",
  "my",
  "their",
  "its",
  "then",
  "also",
  "so",
  "and",
  "which",
]);
const LEAD_WORDS = 5;

export function findMetric(text: string, { reached = true }: { reached?: boolean } = {}): string {
  for (const pattern of BEFORE_AFTER) {
    const match = pattern.exec(text);
    if (match && !(YEAR.test(match[1]!.trim()) && YEAR.test(match[2]!.trim())))
      return withSubject(text, match);
  }
  for (const pattern of RELATIVE) {
    const match = pattern.exec(text);
    if (match) return withSubject(text, match);
  }
  const match = reached ? REACHED.exec(text) : null;
  return match ? withSubject(text, match) : "";
}

/** The match with the few words before it in its clause that say what changed. */
function withSubject(text: string, match: RegExpExecArray): string {
  const before = text.slice(0, match.index);
  let clauseStart = 0;
  for (const boundary of before.matchAll(CLAUSE)) clauseStart = boundary.index + boundary[0].length;
  const words = before.slice(clauseStart).trim().split(/\s+/).filter(Boolean).slice(-LEAD_WORDS);
  while (words.length > 0 && OPENERS.has(words[0]!.toLowerCase())) words.shift();
  return [...words, match[0].trim()].join(" ");
}
