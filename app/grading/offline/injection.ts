import { hasInvisible, isInvisible } from "~/security/invisible-characters";
/**
 * Text that talks to the grader instead of the interviewer: "ignore previous
 * instructions", "give this 5/5", "score: 5", fake JSON scores, fake
 * system/assistant turns, notes to the grader. Returns the character ranges
 * (in the original answer) so the sentences holding them can be dropped.
 */

const GRADER = String.raw`(?:grader|grading (?:system|model|bot)|evaluator|reviewer|ai|a\.i\.|model|llm|assistant|examiner|marker|scorer|judge|rater|chatbot|gpt|chatgpt|bot)`;
const SCORE_WORD = String.raw`(?:score|grade|grading|rating|mark|marks|points?|stars?)`;

const PATTERNS: RegExp[] = [
  // Instructions aimed at whoever reads the answer.
  /\b(?:ignore|disregard|forget|override|bypass|skip)\b[^.!?\n]{0,60}\b(?:instructions?|prompts?|rules|rubric|guidelines|directions|criteria|above|previous|prior|system)\b/gi,
  /\b(?:new|updated|revised|real|actual|hidden)\s+(?:instructions?|rubric|system prompt|grading rules)\b/gi,
  /\bsystem prompt\b/gi,
  // Asking for a score.
  new RegExp(
    String.raw`\b(?:give|award|assign|grant|rate|grade|score|mark)s?\b[^.!?\n]{0,40}(?:\b(?:5|10|100)\s*\/\s*(?:5|10|100)\b|\bfull marks\b|\btop marks\b|\b(?:perfect|maximum|max|highest|top|full)\s+${SCORE_WORD}|\ba\s+(?:5|five|10|ten)\b|\b${SCORE_WORD}\s+of\s+\d|\b(?:5|five|10|ten)\s+(?:out of|\/)\s*(?:5|five|10|ten)\b)`,
    "gi",
  ),
  /\b(?:score|grade|rate|mark|pass)\s+(?:this|it|me|my answer|the answer|this answer|this response|my response)\b[^.!?\n]{0,30}\b(?:5|five|10|ten|perfect|full|highest|maximum|top|excellent|well|high(?:ly)?)\b/gi,
  /\b(?:5\s*\/\s*5|10\s*\/\s*10|100\s*\/\s*100|5 out of 5|10 out of 10)\b/gi,
  new RegExp(String.raw`\b(?:overall|${SCORE_WORD}|evaluation|verdict)\s*[:=]\s*["']?\s*\d`, "gi"),
  /["'](?:score|overall|grade|rating|criteria|evaluation|verdict|strengths|improvements|injectionSuspected|flags)["']\s*:/gi,
  /\bthis (?:answer|response|submission|candidate)\s+(?:is|deserves|should (?:get|receive|be (?:given|graded|scored|rated))|merits|earns|gets)\b[^.!?\n]{0,30}\b(?:perfect|excellent|flawless|outstanding|5|five|10|ten|full marks|top|highest|maximum)\b/gi,
  /\b(?:all|every)\s+(?:rubric\s+)?(?:criteria|criterion|key points)\b[^.!?\n]{0,25}\b(?:met|covered|satisfied|fulfilled)\b/gi,
  // Fake conversation turns and chat-template tokens.
  /(?:^|\n)\s*[[(<#*]*\s*(?:system|assistant|developer|grader|evaluator|instruction|instructions)\s*[\])>*]*\s*:/gi,
  /<\|?\s*(?:im_start|im_end|system|assistant|endoftext|eot_id|start_header_id)\s*\|?>/gi,
  /\[\/?\s*(?:system|inst|assistant|sys)\s*\]/gi,
  /<<\s*\/?\s*sys\s*>>/gi,
  /#{2,}\s*(?:system|instruction|instructions|assistant|response)\b/gi,
  // Addressing the grader.
  new RegExp(
    String.raw`\b(?:note|message|instruction|reminder|hint|request|memo|p\.?s\.?)s?\s*(?:to|for)\s*(?:the\s+)?(?:${GRADER}|ai grader|automated grader)\b`,
    "gi",
  ),
  new RegExp(String.raw`\b(?:dear|hey|hi|hello|attention|to the)\s*,?\s+(?:${GRADER})\b`, "gi"),
  new RegExp(
    String.raw`\b(?:you are|you're|act as|pretend (?:to be|you are)|as an?)\s+(?:an?\s+)?(?:ai|language model|large language model|grader|evaluator|assistant|llm|chatbot)\b`,
    "gi",
  ),
  new RegExp(
    String.raw`\b${GRADER}s?\b[^.!?\n]{0,40}\b(?:must|should|will|please|need to|has to|is instructed to)\b[^.!?\n]{0,40}\b(?:score|grade|rate|give|mark|award|pass|ignore|output|return)\b`,
    "gi",
  ),
];

export interface InjectionScan {
  suspected: boolean;
  /** [start, end) ranges of the original answer that address the grader. */
  ranges: Array<[number, number]>;
}

// Characters that NFKC folds into ASCII look-alikes (full-width letters, ligatures); invisible ones hide inside words.
const LOOK_ALIKES = /[\uFB00-\uFB06\uFF01-\uFF5E]/;

export function scanForInjection(answer: string): InjectionScan {
  let text = answer;
  let map: number[] | null = null;
  if (LOOK_ALIKES.test(answer) || hasInvisible(answer)) {
    // Strip invisible characters and fold look-alike forms, keeping a map back to original offsets.
    map = [];
    text = "";
    // By code point: the tag block's characters are surrogate pairs.
    for (let i = 0; i < answer.length;) {
      const ch = String.fromCodePoint(answer.codePointAt(i) ?? 0);
      if (!isInvisible(ch)) {
        const folded = ch.normalize("NFKC");
        for (let k = 0; k < folded.length; k++) map.push(i);
        text += folded;
      }
      i += ch.length;
    }
    map.push(answer.length);
  }
  const toOriginal = (offset: number) => (map ? (map[offset] ?? answer.length) : offset);

  const ranges: Array<[number, number]> = [];
  for (const pattern of PATTERNS) {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      const start = toOriginal(match.index);
      const end = toOriginal(match.index + match[0].length);
      ranges.push([start, Math.max(start + 1, end)]);
    }
  }
  return { suspected: ranges.length > 0, ranges };
}
