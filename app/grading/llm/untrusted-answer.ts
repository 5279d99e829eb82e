import { stripInvisible } from "~/security/invisible-characters";
/**
 * The candidate's answer is data, never instructions. Before it reaches the
 * model it sits inside tags with a random nonce (see the grading prompt), and
 * whatever inside it could pass for prompt structure is made inert here:
 * chat-template tokens, role tags, fake delimiters, role prefixes and section
 * headings are rewritten with look-alike characters, and invisible characters
 * that can smuggle hidden text are removed. Ordinary answers (code with
 * generics, HTML, comparisons) come through unchanged.
 */

export interface NeutralisedAnswer {
  text: string;
  /** The answer held markers no honest answer contains (chat-template tokens, fake delimiters, hidden text). */
  suspicious: boolean;
}

const OPEN = "\u2039"; // ‹
const CLOSE = "\u203A"; // ›
const RATIO = "\u2236"; // ∶ looks like a colon
const FULLWIDTH_HASH = "\uFF03"; // ＃
const FULLWIDTH_LEFT_BRACKET = "\uFF3B"; // ［
const FULLWIDTH_RIGHT_BRACKET = "\uFF3D"; // ］

/** <|im_start|>, <|system|>, <|eot_id|>, <|start_header_id|> ... */
const CHAT_TOKEN = /<\|[^|<>\n]{1,40}\|>/g;
/** Llama-2 style markers. */
const LLAMA_MARKER = /\[\/?INST\]|<<\/?SYS>>/gi;
/** Sequence tokens; also legitimate HTML (strikethrough), so made inert without raising suspicion. */
const SEQUENCE_TOKEN = /<\/?s>/g;
/** Our own delimiter, in any case. */
const FAKE_DELIMITER = /<\/?\s*candidate_answer[^<>\n]{0,200}>/gi;
/** Lower-case tags that imitate prompt structure (JSX components such as <User /> are capitalised). */
const FAKE_TAG =
  /<\/?\s*(?:system|assistant|user|developer|tool|human|instructions?|prompt|rubric|question|reference_answer|grader|judge|grade|im_start|im_end)(?:\s[^<>\n]{0,200})?\/?>/g;
/** "system:", "Assistant:" ... opening a line. */
const ROLE_PREFIX = /^([ \t>]*)(system|assistant|user|developer|human|ai|tool)([ \t]*):/gim;
/** "### Instruction", "## Rubric" ... opening a line. */
const HEADING = /^([ \t]*)(#{2,})/gm;
const HIDDEN_TEXT = /[\u{E0000}-\u{E007F}]/u;

const angle = (s: string) => s.replace(/</g, OPEN).replace(/>/g, CLOSE);

export function neutraliseAnswer(answer: string): NeutralisedAnswer {
  let suspicious = HIDDEN_TEXT.test(answer);
  const mark = (replace: (s: string) => string) => (match: string) => {
    suspicious = true;
    return replace(match);
  };
  const text = stripInvisible(answer)
    .replace(CHAT_TOKEN, mark(angle))
    .replace(
      LLAMA_MARKER,
      mark((m) =>
        angle(m).replace(/\[/g, FULLWIDTH_LEFT_BRACKET).replace(/\]/g, FULLWIDTH_RIGHT_BRACKET),
      ),
    )
    .replace(SEQUENCE_TOKEN, angle)
    .replace(FAKE_DELIMITER, mark(angle))
    .replace(FAKE_TAG, mark(angle))
    .replace(
      ROLE_PREFIX,
      (_m, lead: string, role: string, space: string) => `${lead}${role}${space}${RATIO}`,
    )
    .replace(
      HEADING,
      (_m, lead: string, hashes: string) => lead + FULLWIDTH_HASH.repeat(hashes.length),
    );
  return { text, suspicious };
}

const FOLD: Record<string, string> = {
  [OPEN]: "<",
  [CLOSE]: ">",
  [RATIO]: ":",
  [FULLWIDTH_HASH]: "#",
  [FULLWIDTH_LEFT_BRACKET]: "[",
  [FULLWIDTH_RIGHT_BRACKET]: "]",
  "\u2018": "'",
  "\u2019": "'",
  "\u201A": "'",
  "\u2032": "'",
  "`": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u2033": '"',
  "\u00AB": '"',
  "\u00BB": '"',
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2013": "-",
  "\u2014": "-",
  "\u2212": "-",
};
const FOLDABLE = new RegExp(`[${Object.keys(FOLD).join("")}]`, "g");
const LOOKALIKES = new RegExp(
  `[${[OPEN, CLOSE, RATIO, FULLWIDTH_HASH, FULLWIDTH_LEFT_BRACKET, FULLWIDTH_RIGHT_BRACKET].join("")}]`,
  "g",
);

/** Undoes neutraliseAnswer's look-alikes in a quote, so evidence reads as the candidate typed it. */
export function restoreLookalikes(text: string): string {
  return text.replace(LOOKALIKES, (c) => FOLD[c] ?? c);
}

/** Folds what a model may change while quoting: whitespace, quote marks, dashes, case, our look-alikes. */
export function normaliseForQuote(text: string): string {
  return stripInvisible(text)
    .normalize("NFKC")
    .replace(FOLDABLE, (c) => FOLD[c] ?? c)
    .replace(/\u2026/g, "...")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

const WRAPPING = /^[\s"'.,;:!?…-]+|[\s"'.,;:!?…-]+$/g;

/**
 * True when `quote` occurs in `answer` once both are normalised. A quote that
 * elides with "..." must have each of its parts occur, in order.
 */
export function quoteOccursIn(quote: string, answer: string): boolean {
  const haystack = normaliseForQuote(answer);
  const parts = normaliseForQuote(quote)
    .split(/\s*\.\.\.+\s*/)
    .map((part) => part.replace(WRAPPING, ""))
    .filter((part) => part.length > 0);
  if (parts.length === 0 || parts.join("").length < 3) return false;
  let from = 0;
  for (const part of parts) {
    const at = haystack.indexOf(part, from);
    if (at === -1) return false;
    from = at + part.length;
  }
  return true;
}
