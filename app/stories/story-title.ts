/**
 * A short title for a story, from its situation's subject: "Last year at my
 * previous company our payments service went down during Black Friday." →
 * "Payments service went down during Black Friday". Never the question's
 * text: many stories answer one question, and the title is how they are
 * told apart in the bank.
 */

const MAX_WORDS = 7;
const MAX_CHARS = 60;

const MONTH =
  "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";

/** Where and when, before the subject: stripped from the front, as often as they come. */
const SETTINGS = [
  /^(?:so|well|basically|okay|ok|sure|yes|right|once|recently|previously)\b,?\s*/i,
  /^(?:last|this|that|one)\s+(?:year|month|week|quarter|spring|summer|autumn|fall|winter|night|morning|weekend)\b,?\s*/i,
  new RegExp(
    String.raw`^(?:in|during|back in|early in|late in|around|by)\s+(?:(?:early|late|mid)[- ]?)?(?:\d{4}|q[1-4]|${MONTH}|(?:my|our|the)\s+(?:first|second|third|last|previous|current)\s+\w+)(?:\s+\d{4})?\b,?\s*`,
    "i",
  ),
  /^(?:at|in|with)\s+(?:my|our|a)\s+(?:previous|last|current|old|former|first|second)\s+(?:company|job|role|team|employer|startup|position|workplace|client)\b,?\s*/i,
  /^(?:at|while at|when I was at|while I was at|when I worked at|while working at)\s+[^,]{1,40},\s*/i,
  /^(?:a few|a couple of|some|several|one|two|three|four|five|six|\d+)\s+(?:years?|months?|weeks?|days?)\s+(?:ago\b|(?:after|before|into)\s+[^,]{1,60},)\s*,?\s*/i,
  /^(?:when|while|after|before|shortly after|soon after|right after)\s+[^,]{1,80},\s*/i,
  /^(?:our|the|my|a|an|one of our)\s+/i,
  /^(?:I|we)\s+(?:was|were)\s+(?=\w+ing\b)/i,
  /^(?:I|we)\s+had\s+(?:a|an)\s+/i,
  /^there\s+(?:was|were)\s+(?:an?\s+)?/i,
];

/** Where the subject's clause ends. */
const CLAUSE_END = /[,;:]|\s(?:and|but|which|because|so|when|while|until|where|who)\s/i;

/** Words a title must not end on. */
const TRAILING = new Set(
  (
    "the a an of for to in on at and or but with by from every each all our my their its his her into during after " +
    "before while when about as than that which who over under some any this these those was were is are had has have " +
    "be been we i it they"
  ).split(" "),
);

export function titleFrom(situation: string): string {
  let text = (situation.trim().split(/(?<=[.!?])\s+|\n/)[0] ?? "").replace(/[.!?]+$/, "");
  for (let changed = true; changed;) {
    changed = false;
    for (const setting of SETTINGS) {
      const stripped = text.replace(setting, "");
      if (stripped !== text && stripped.trim() !== "") {
        text = stripped;
        changed = true;
      }
    }
  }
  const clause = text.split(CLAUSE_END)[0]!.trim();
  const words = (clause || text).split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);
  while (words.length > 1 && TRAILING.has(words.at(-1)!.toLowerCase())) words.pop();
  let title = words.join(" ");
  while (title.length > MAX_CHARS && words.length > 1) {
    words.pop();
    title = words.join(" ");
  }
  title = title.slice(0, MAX_CHARS);
  return title.charAt(0).toUpperCase() + title.slice(1);
}
